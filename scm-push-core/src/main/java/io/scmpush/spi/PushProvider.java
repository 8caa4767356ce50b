package io.scmpush.spi;

/**
 * A target service scm-push can push to. Found by {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/io.scmpush.spi.PushProvider} and with {@code provides} in {@code module-info}),
 * or passed to {@code ScmPush.builder().provider(...)}. Needs a public no-arg constructor.
 */
public interface PushProvider {

    /** {@return what this provider is: service id, scope, limits, extra rules; the same on every call} */
    ProviderDescriptor descriptor();

    /**
     * Connects to the service. Fail fast here on bad configuration, with a
     * {@link io.scmpush.ConfigurationException}; no network call is needed.
     *
     * @param context what the {@code ScmPush} offers: credentials, the signed transport, endpoints, projects
     * @return the client the engine reads and writes this service with; closed with the {@code ScmPush}
     */
    TargetClient connect(ProviderContext context);
}
