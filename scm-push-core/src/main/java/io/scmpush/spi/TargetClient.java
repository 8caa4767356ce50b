package io.scmpush.spi;

import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import org.jspecify.annotations.Nullable;

/**
 * A connected provider. Called from many threads at once; every method is for one (target, region),
 * region null for a global service. Exceptions become FAILED outcomes: throw
 * {@link io.scmpush.CloudServiceException} for remote failures so the outcome carries their code.
 */
public interface TargetClient extends AutoCloseable {

    /**
     * Reads what the target holds now. Writes nothing.
     *
     * @param certificate the certificate being pushed (for the names and domains to look for)
     * @param target the target, with its options
     * @param region the region to read; null for a global service
     * @return the certificates (and, for domain-based services, the domains) the target holds; an inventory
     *     with {@code serviceAvailable} false when the service is not enabled there
     */
    TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region);

    /**
     * Writes the certificate. Must not create a second copy after an ambiguous failure: re-read the
     * target before sending a create again.
     *
     * @param certificate the certificate to write, with its key when the service needs one
     * @param target the target, with its options
     * @param region the region to write to; null for a global service
     * @return where the certificate now lives and how many attempts the write took
     */
    Deployment push(Certificate certificate, PushTarget target, @Nullable String region);

    /** Releases what {@link PushProvider#connect(ProviderContext)} acquired; by default nothing. */
    @Override
    default void close() {}
}
