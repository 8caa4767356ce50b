package io.scmpush;

import io.scmpush.rules.RuleReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The result of {@link PushRequest#execute()}: one outcome per (service, region) of the request. */
public record PushResult(String fingerprint, String certificateName, List<TargetOutcome> outcomes, RuleReport report,
        Duration elapsed) {

    public PushResult {
        outcomes = List.copyOf(outcomes);
    }

    /** True when every outcome is {@code PUSHED} or {@code ALREADY_PRESENT}. */
    public boolean succeeded() {
        return outcomes.stream().allMatch(TargetOutcome::succeeded);
    }

    /** The {@code REJECTED} and {@code FAILED} outcomes. */
    public List<TargetOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    /** The outcome of one (service, region); region null for a global service. */
    public Optional<TargetOutcome> outcome(String service, @Nullable String region) {
        return outcomes.stream()
                .filter(o -> o.service().equals(service) && Objects.equals(o.region(), region))
                .findFirst();
    }
}
