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

    /** Reads what the target holds now. Writes nothing. */
    TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region);

    /** Writes the certificate. Must not create a second copy after an ambiguous failure. */
    Deployment push(Certificate certificate, PushTarget target, @Nullable String region);

    @Override
    default void close() {}
}
