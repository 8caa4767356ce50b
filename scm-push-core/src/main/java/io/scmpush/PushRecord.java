package io.scmpush;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One outcome of one push, as kept by {@link PushHistory}.
 *
 * @param fingerprint the certificate's SHA-256 fingerprint, 64 lowercase hex
 * @param certificateName the name the certificate was pushed under
 * @param service the target's service id
 * @param region the target's region; null for a global service or a target that named none
 * @param status how the push ended
 * @param remoteId the id the service returned, or null
 * @param code the outcome's code (see {@link TargetOutcome#code()}); null for PUSHED
 * @param message what happened, in words
 * @param attempts how many times the write was sent; 0 when nothing was sent
 * @param at when the outcome was recorded
 */
public record PushRecord(String fingerprint, String certificateName, String service, @Nullable String region,
        OutcomeStatus status, @Nullable String remoteId, @Nullable String code, String message, int attempts,
        Instant at) {

    /**
     * Checks the components.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint, 64 lowercase hex
     * @param certificateName the name the certificate was pushed under
     * @param service the target's service id
     * @param region the target's region; null for a global service or a target that named none
     * @param status how the push ended
     * @param remoteId the id the service returned, or null
     * @param code the outcome's code; null for PUSHED
     * @param message what happened, in words
     * @param attempts how many times the write was sent; 0 when nothing was sent
     * @param at when the outcome was recorded
     * @throws NullPointerException when a component that is not nullable is null
     * @throws IllegalArgumentException when {@code attempts} is negative
     */
    public PushRecord {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(certificateName, "certificateName");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
    }

    /**
     * A record without a code and with no attempt counted, as histories written before they were kept hold.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint
     * @param certificateName the name the certificate was pushed under
     * @param service the target's service id
     * @param region the target's region, or null
     * @param status how the push ended
     * @param remoteId the id the service returned, or null
     * @param message what happened, in words
     * @param at when the outcome was recorded
     */
    public PushRecord(String fingerprint, String certificateName, String service, @Nullable String region,
            OutcomeStatus status, @Nullable String remoteId, String message, Instant at) {
        this(fingerprint, certificateName, service, region, status, remoteId, null, message, 0, at);
    }

    /**
     * The record of an outcome.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint
     * @param certificateName the name the certificate was pushed under
     * @param outcome the outcome
     * @param at when it is recorded
     * @return the record, with the outcome's service, region, status, remote id, code, message and attempts
     */
    public static PushRecord of(String fingerprint, String certificateName, TargetOutcome outcome, Instant at) {
        return new PushRecord(fingerprint, certificateName, outcome.service(), outcome.region(), outcome.status(),
                outcome.remoteId(), outcome.code(), outcome.message(), outcome.attempts(), at);
    }
}
