package io.scmpush.examples;

import io.scmpush.BindingOutcome;
import io.scmpush.PlannedAction;
import io.scmpush.PlannedBinding;
import io.scmpush.PushPlan;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.TargetOutcome;
import io.scmpush.VerificationResult;
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

    static void printBindings(PrintStream out, List<BindingOutcome> bindings) {
        String format = "  %-4s %-11s %-19s %-16s %-14s %-25s %-25s %s%n";
        out.printf(format, "SVC", "REGION", "KIND", "RESOURCE", "STATUS", "CERTIFICATE", "PREVIOUS", "CODE");
        for (BindingOutcome b : bindings) {
            out.printf(format, b.binding().service(), orDash(b.binding().region()), b.binding().kind(),
                    id(b.binding().resource()), b.status(), id(b.certificateId()), id(b.previousCertificateId()),
                    orDash(b.code()));
        }
    }

    static void printPlanned(PrintStream out, List<PlannedBinding> bindings) {
        String format = "  %-4s %-11s %-19s %-16s serves %s (sha256 %s)%n";
        for (PlannedBinding b : bindings) {
            String fingerprint = b.currentFingerprint();
            out.printf(format, b.binding().service(), orDash(b.binding().region()), b.binding().kind(),
                    id(b.binding().resource()), id(b.currentCertificateId()),
                    fingerprint == null ? "unknown" : fingerprint.substring(0, 12) + "…");
        }
    }

    static void printVerifications(PrintStream out, List<VerificationResult> results) {
        for (VerificationResult v : results) {
            out.printf("  %-40s %-11s %d attempt(s), %d ms%n", v.verification(), v.matches() ? "MATCHES" : v.code(),
                    v.attempts(), v.elapsed().toMillis());
        }
    }

    /** Ids of 32 hex characters are told apart by their first 12 in a table; names are shown whole. */
    private static String id(@Nullable String id) {
        return id == null ? "-" : id.matches("[0-9a-f]{32}") ? id.substring(0, 12) + "…" : id;
    }

    /** Keeps a row on one terminal line; the full message is in the outcome. */
    private static String abbreviate(String message) {
        return message.length() <= 100 ? message : message.substring(0, 99) + "…";
    }

    private static String orDash(@Nullable String s) {
        return Objects.requireNonNullElse(s, "-");
    }
}
