package io.scmpush.spi;

import org.jspecify.annotations.Nullable;

/**
 * What {@link TargetClient#bind} did.
 *
 * @param changed false when the place referenced the certificate already and nothing was written
 * @param previousCertificateId what the place referenced before: the former single reference, or the list
 *     entry that was replaced (null when an entry was added to a list, or the place was empty)
 * @param requestId the service's request id of the update; null when nothing was sent
 * @param attempts how many times the update was sent, retries included; 0 when nothing was sent
 */
public record BindingChange(boolean changed, @Nullable String previousCertificateId, @Nullable String requestId,
        int attempts) {

    /**
     * Nothing written: the place referenced the certificate already.
     *
     * @return the answer
     */
    public static BindingChange unchanged() {
        return new BindingChange(false, null, null, 0);
    }
}
