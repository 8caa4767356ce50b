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
 * @param certificateName the name the certificate was pushed under
 * @param outcomes one per (service, region), in the order of the request's targets
 * @param report every rule violation found, warnings included
 * @param elapsed how long the push took, reads and bindings included
 * @param bindings one per distinct binding of the request, in the order bound
 */
public record PushResult(String fingerprint, String certificateName, List<TargetOutcome> outcomes, RuleReport report,
        Duration elapsed, List<BindingOutcome> bindings) {

    /**
     * Copies the lists.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint
     * @param certificateName the name the certificate was pushed under
     * @param outcomes one per (service, region), in the order of the request's targets
     * @param report every rule violation found, warnings included
     * @param elapsed how long the push took, reads and bindings included
     * @param bindings one per distinct binding of the request, in the order bound
     */
    public PushResult {
        outcomes = List.copyOf(outcomes);
        bindings = List.copyOf(bindings);
    }

    /**
     * A result without bindings.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint
     * @param certificateName the name the certificate was pushed under
     * @param outcomes one per (service, region), in the order of the request's targets
     * @param report every rule violation found, warnings included
     * @param elapsed how long the push took, reads included
     */
    public PushResult(String fingerprint, String certificateName, List<TargetOutcome> outcomes, RuleReport report,
            Duration elapsed) {
        this(fingerprint, certificateName, outcomes, report, elapsed, List.of());
    }

    /**
     * {@return whether everything asked for is done: every outcome {@code PUSHED} or {@code ALREADY_PRESENT},
     * and every binding {@code BOUND} or {@code ALREADY_BOUND}}
     */
    public boolean succeeded() {
        return outcomes.stream().allMatch(TargetOutcome::succeeded)
                && bindings.stream().allMatch(BindingOutcome::succeeded);
    }

    /** {@return the {@code REJECTED} and {@code FAILED} outcomes, in order} */
    public List<TargetOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    /**
     * The outcome of one (service, region).
     *
     * @param service a service id, such as {@code waf}
     * @param region a region id; null for a global service
     * @return the outcome; empty when the request had no such target
     */
    public Optional<TargetOutcome> outcome(String service, @Nullable String region) {
        return outcomes.stream()
                .filter(o -> o.service().equals(service) && Objects.equals(o.region(), region))
                .findFirst();
    }
}
