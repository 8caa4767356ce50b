package io.scmpush.spi;

/**
 * A target service scm-push can push to. Found by {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/io.scmpush.spi.PushProvider} and with {@code provides} in {@code module-info}),
 * or passed to {@code ScmPush.builder().provider(...)}. Needs a public no-arg constructor.
 */
public interface PushProvider {

    /** What this provider is: service id, scope, limits, extra rules. */
    ProviderDescriptor descriptor();

    /**
     * Connects to the service. Fail fast here on bad configuration, with a
     * {@link io.scmpush.ConfigurationException}; no network call is needed.
     */
    TargetClient connect(ProviderContext context);
}
