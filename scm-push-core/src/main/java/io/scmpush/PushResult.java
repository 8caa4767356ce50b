package io.scmpush;

import io.scmpush.rules.RuleReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link PushRequest#execute()}: one outcome per (service, region) of the request, and one
 * per binding.
 *
 * @param fingerprint the certificate's SHA-256 fingerprint
 * @param certificateName the name sent to every service
 * @param outcomes one per (service, region), in request order
 * @param report the rule report the push was decided on
 * @param elapsed how long the push took
 * @param bindings one per distinct binding of the request, in the order bound
 */
public record PushResult(String fingerprint, String certificateName, List<TargetOutcome> outcomes, RuleReport report,
        Duration elapsed, List<BindingOutcome> bindings) {

    /** Copies the lists. */
    public PushResult {
        outcomes = List.copyOf(outcomes);
        bindings = List.copyOf(bindings);
    }

    /**
     * A result without bindings.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint
     * @param certificateName the name sent to every service
     * @param outcomes one per (service, region), in request order
     * @param report the rule report the push was decided on
     * @param elapsed how long the push took
     */
    public PushResult(String fingerprint, String certificateName, List<TargetOutcome> outcomes, RuleReport report,
            Duration elapsed) {
        this(fingerprint, certificateName, outcomes, report, elapsed, List.of());
    }

    /**
     * Whether everything asked for is done.
     *
     * @return true when every outcome is {@code PUSHED} or {@code ALREADY_PRESENT} and every binding
     *     {@code BOUND} or {@code ALREADY_BOUND}
     */
    public boolean succeeded() {
        return outcomes.stream().allMatch(TargetOutcome::succeeded)
                && bindings.stream().allMatch(BindingOutcome::succeeded);
    }

    /**
     * The targets that do not hold the certificate.
     *
     * @return the {@code REJECTED} and {@code FAILED} outcomes
     */
    public List<TargetOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    /**
     * The outcome of one (service, region).
     *
     * @param service the service id
     * @param region the region; null for a global service
     * @return the outcome, empty when the request had no such target
     */
    public Optional<TargetOutcome> outcome(String service, @Nullable String region) {
        return outcomes.stream()
                .filter(o -> o.service().equals(service) && Objects.equals(o.region(), region))
                .findFirst();
    }
}
