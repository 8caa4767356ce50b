package io.scmpush;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One outcome of one push, as kept by {@link PushHistory}.
 *
 * @param fingerprint the certificate's SHA-256 fingerprint
 * @param certificateName the name it was pushed under
 * @param service the service id, e.g. {@code waf}
 * @param region the region; null for a global service
 * @param status how the push to that target ended
 * @param remoteId the id the service gave the certificate, when it holds it
 * @param message what happened, for a person
 * @param at when the outcome was recorded
 */
public record PushRecord(String fingerprint, String certificateName, String service, @Nullable String region,
        OutcomeStatus status, @Nullable String remoteId, String message, Instant at) {}
