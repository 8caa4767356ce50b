package io.scmpush;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One outcome of one push, as kept by {@link PushHistory}. */
public record PushRecord(String fingerprint, String certificateName, String service, @Nullable String region,
        OutcomeStatus status, @Nullable String remoteId, String message, Instant at) {}
