package io.scmpush.spi;

import org.jspecify.annotations.Nullable;

/**
 * A successful write, or the finding that the target held the certificate already.
 *
 * @param remoteId the id the service gave the certificate (CDN: its name)
 * @param remoteName the name the service holds it under
 * @param requestId the service's request id of the (last) call, if it gave one
 * @param attempts how many times the write was sent, retries included
 * @param alreadyPresent true when this push did not store the certificate: the service already held the
 *     same certificate (e.g. a create refused because the name is taken, by a copy with the same content);
 *     the outcome is then {@code ALREADY_PRESENT}, not {@code PUSHED}
 */
public record Deployment(String remoteId, String remoteName, @Nullable String requestId, int attempts,
        boolean alreadyPresent) {

    /**
     * A certificate this push stored.
     *
     * @param remoteId the id the service gave the certificate (CDN: its name)
     * @param remoteName the name the service holds it under
     * @param requestId the service's request id, if it gave one
     * @param attempts how many times the write was sent, retries included
     */
    public Deployment(String remoteId, String remoteName, @Nullable String requestId, int attempts) {
        this(remoteId, remoteName, requestId, attempts, false);
    }

    /**
     * The same certificate, found on the target where this push tried to store it.
     *
     * @param remoteId the id of the copy found
     * @param remoteName its name
     * @param requestId the request id of the call that found it, if any
     * @param attempts how many times the write was sent before it was found
     * @return a deployment with {@link #alreadyPresent()} true
     */
    public static Deployment alreadyPresent(String remoteId, String remoteName, @Nullable String requestId,
            int attempts) {
        return new Deployment(remoteId, remoteName, requestId, attempts, true);
    }
}
