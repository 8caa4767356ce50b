package io.scmpush.spi;

import org.jspecify.annotations.Nullable;

/**
 * A successful write.
 *
 * @param remoteId the id the service gave the certificate (CDN: its name)
 * @param remoteName the name the service holds it under
 * @param requestId the service's request id of the write, for support
 * @param attempts how many times the write was sent, retries included
 */
public record Deployment(String remoteId, String remoteName, @Nullable String requestId, int attempts) {}
