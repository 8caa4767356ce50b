package io.scmpush;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the push to one (service, region) ended.
 *
 * @param service the service id, e.g. {@code waf}
 * @param region null for a global service, or a regional target that names no region
 * @param status how it ended
 * @param remoteId the id the service gave the certificate (CDN, which has none: its name)
 * @param code null for {@code PUSHED}; {@code ALREADY_PUSHED} for {@code ALREADY_PRESENT}; the rule code
 *     for {@code REJECTED}; for {@code FAILED} {@code AUTH_FAILED}, {@code THROTTLED}, {@code TIMEOUT},
 *     {@code IO_ERROR}, the service's error code, {@code HTTP_<status>} or {@code PROVIDER_ERROR}
 * @param message what happened, for a person; never a secret
 * @param requestId the service's request id, for support
 * @param attempts how many times the write was sent, retries included (inventory reads do not count)
 * @param elapsed from the start of the push to this outcome
 */
public record TargetOutcome(String service, @Nullable String region, OutcomeStatus status, @Nullable String remoteId,
        @Nullable String code, String message, @Nullable String requestId, int attempts, Duration elapsed) {

    /** {@return whether the target holds the certificate now ({@code PUSHED} or {@code ALREADY_PRESENT})} */
    public boolean succeeded() {
        return status == OutcomeStatus.PUSHED || status == OutcomeStatus.ALREADY_PRESENT;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(service);
        if (region != null) {
            s.append('/').append(region);
        }
        s.append(' ').append(status);
        if (code != null) {
            s.append(" [").append(code).append(']');
        }
        if (remoteId != null) {
            s.append(" id=").append(remoteId);
        }
        if (!message.isEmpty()) {
            s.append(": ").append(message);
        }
        if (requestId != null && !message.contains(requestId)) { // a service error's message names it already
            s.append(" (request ").append(requestId).append(')');
        }
        return s.toString();
    }
}
