package io.scmpush.testkit;

import io.scmpush.Binding;
import io.scmpush.ScmPush;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.RemoteCertificate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The world a provider under {@link ProviderCompatibilityKit} writes into, as the kit sees it from outside
 * the provider: how to point an {@link ScmPush} at it, how to observe what it holds and how many writes it
 * received, and which faults it can inject. {@link HuaweiCloudBackend} is the one for Huawei Cloud services;
 * a plugin for another kind of service implements its own (the example directory plugin's observes a
 * directory on disk).
 *
 * <p>A fault a backend cannot inject is declined by returning {@code false}: the kit then skips the cases
 * that need it, and says so in the test report. {@link #loseNextWriteAnswer} is never skipped: when the
 * backend declines it, the kit loses the answer itself, after the provider's {@code push} returned. One
 * backend serves one test; the kit {@linkplain #close() closes} it after the test.
 */
public interface CompatibilityBackend extends AutoCloseable {
    /**
     * The DNS names of the certificate the kit pushes, for a backend that must know them beforehand (a
     * {@link HuaweiCloudBackend} makes both CDN acceleration domains).
     */
    List<String> DOMAINS = List.of("www.scm-push.example", "api.scm-push.example");

    /**
     * Points the kit's {@link ScmPush} at this backend: endpoints, credentials, whatever the provider reads
     * from its {@link io.scmpush.spi.ProviderContext}. The kit has set the provider, a fast retry policy and
     * disabled discovery already. Default: nothing, for a provider that needs nothing from its context.
     *
     * @param builder the kit's builder
     */
    default void configure(ScmPush.Builder builder) {}

    /**
     * Points the kit's {@link ScmPush} at this backend with credentials the service refuses, for the case
     * that checks an authentication failure.
     *
     * @param builder the kit's builder
     * @return true when done; false (the default) when the service takes no credentials, and the case is
     *     skipped
     */
    default boolean configureRefusedCredentials(ScmPush.Builder builder) {
        return false;
    }

    /**
     * What the service holds now in one place, read from the service's own state, not through the provider
     * under test.
     *
     * @param service the provider's service id
     * @param region the region; null for a global service
     * @return every certificate held there, with its fingerprint where the service keeps the content
     */
    List<RemoteCertificate> certificates(String service, @Nullable String region);

    /**
     * A count that grows with every write the service receives (a request that may change its state, a file
     * written). The kit only compares two readings, so any unit will do as long as each write increases it.
     *
     * @return the count so far
     */
    long writes();

    /**
     * Makes the next write to the service take effect while its answer is lost on the way back (a reset
     * connection): the failure after which a provider cannot know whether its create happened.
     *
     * @param service the provider's service id
     * @param region the region of the next write; null for a global service
     * @return true when the backend injected it; false (the default) to let the kit lose the answer itself
     */
    default boolean loseNextWriteAnswer(String service, @Nullable String region) {
        return false;
    }

    /**
     * Makes the next call to the service in {@code region} fail as a server error would (HTTP 500 with the
     * service's error body, for an HTTP service).
     *
     * @param service the provider's service id
     * @param region the region; null for a global service
     * @return true when injected; false (the default) when the backend cannot, and the cases that need it
     *     are skipped
     */
    default boolean failNextCall(String service, @Nullable String region) {
        return false;
    }

    /**
     * Makes the next call to the service in {@code region} throttled, to be answered normally when sent
     * again.
     *
     * @param service the provider's service id
     * @param region the region; null for a global service
     * @return true when injected; false (the default) to skip the cases that need it
     */
    default boolean throttleNextCall(String service, @Nullable String region) {
        return false;
    }

    /**
     * Makes the service not enabled in {@code region} for this account.
     *
     * @param service the provider's service id
     * @param region the region; null for a global service
     * @return true when done; false (the default) to skip the cases that need it
     */
    default boolean disableService(String service, @Nullable String region) {
        return false;
    }

    /**
     * A new resource of the given binding kind, ready to be bound: what the kit's binding cases bind the
     * certificate to. Its names include the kit's {@link #DOMAINS}.
     *
     * @param service the provider's service id
     * @param region the region; null for a global service
     * @param kind one of the kinds the provider's client makes
     * @return the binding; empty (the default) when the backend cannot make one, and the cases are skipped
     */
    default Optional<Binding> newBinding(String service, @Nullable String region, BindingKind kind) {
        return Optional.empty();
    }

    /**
     * What a binding's place serves now, read from the service's own state. A backend whose
     * {@link #newBinding} makes bindings must implement it.
     *
     * @param binding a binding {@link #newBinding} made
     * @return the SHA-256 fingerprints of the certificates the place serves; empty when it serves none
     * @throws UnsupportedOperationException by default
     */
    default List<String> boundFingerprints(Binding binding) {
        throw new UnsupportedOperationException(getClass().getName() + " makes no bindings");
    }

    /** Releases the backend (servers, files); by default nothing. */
    @Override
    default void close() {}
}
