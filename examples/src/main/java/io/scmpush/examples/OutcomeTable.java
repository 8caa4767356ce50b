package io.scmpush.examples;

import io.scmpush.PlannedAction;
import io.scmpush.PushPlan;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.TargetOutcome;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Prints results as aligned text tables, the way a person reads them in a terminal. */
final class OutcomeTable {
    private OutcomeTable() {}

    static void print(PrintStream out, PushResult result) {
        out.printf("Certificate %s (sha256 %s…), %d ms%n", result.certificateName(),
                result.fingerprint().substring(0, 16), result.elapsed().toMillis());
        String format = "  %-5s %-16s %-16s %-15s %-34s %s%n";
        out.printf(format, "SERVICE", "REGION", "STATUS", "CODE", "REMOTE ID", "MESSAGE");
        for (TargetOutcome o : result.outcomes()) {
            out.printf(format, o.service(), orDash(o.region()), o.status(), orDash(o.code()), orDash(o.remoteId()),
                    abbreviate(o.message()));
        }
        result.report().warnings().forEach(w -> out.printf("  warning %s: %s%n", w.code(), w.message()));
    }

    static void print(PrintStream out, PushPlan plan) {
        out.printf("Plan for %s: %s%n", plan.certificate().name(), plan.allowed() ? "allowed" : "not allowed");
        for (PlannedAction a : plan.actions()) {
            out.printf("  %-5s %-16s %-13s %s%n", a.service(), orDash(a.region()), a.action(),
                    a.violations().stream().map(v -> v.code()).toList());
        }
    }

    static void print(PrintStream out, List<PushRecord> records) {
        for (PushRecord r : records) {
            out.printf("  %s  %-5s %-16s %-16s %s%n", r.at(), r.service(), orDash(r.region()), r.status(),
                    abbreviate(r.message()));
        }
    }

    /** Keeps a row on one terminal line; the full message is in the outcome. */
    private static String abbreviate(String message) {
        return message.length() <= 100 ? message : message.substring(0, 99) + "…";
    }

    private static String orDash(@Nullable String s) {
        return Objects.requireNonNullElse(s, "-");
    }
}
