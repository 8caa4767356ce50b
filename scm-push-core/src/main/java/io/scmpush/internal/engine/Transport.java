package io.scmpush.internal.engine;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.ProjectResolver;
import io.scmpush.internal.http.Redactor;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Huawei Cloud transport one {@code ScmPush} shares among its providers: one signed
 * {@link HuaweiCloudHttp} and one project-id cache, both made on first use, and only when there are
 * credentials to sign with, so that providers that never call Huawei Cloud need none.
 *
 * <p>The HTTP client it makes has no threads but its selector, and never uses the engine's workers (a
 * worker waits for its exchange, and the client must not need a worker to finish it): the thread that sends
 * a request starts it, and the selector thread reads the answer and completes the exchange, which is
 * where the JDK would otherwise hand each answer to a pool thread first. That hand-off was one thread
 * wake-up per request, about a tenth of a push's client CPU (benchmarks/README.md, issue #16). It is safe
 * because what runs there is the JDK's own non-blocking code and {@link io.scmpush.internal.http.BoundedBody},
 * which only copies bytes. The transport waits with the blocking {@code send}, which, unlike
 * {@code sendAsync}, does not pass the answer through the common pool (a new thread per request with two CPUs
 * or fewer); its only thread of its own is the timer that ends a body arriving too slowly.
 * It signs with the system clock: the builder's clock is the rules' "now" only.
 */
final class Transport implements AutoCloseable {
    private final @Nullable Supplier<Credentials> credentials;
    private final Endpoints endpoints;
    private final Map<String, String> projectIds;
    private final @Nullable HttpClient givenClient;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;

    private @Nullable HttpClient ownClient;
    private @Nullable HuaweiCloudHttp http;
    private @Nullable ProjectResolver projects;
    private boolean closed;

    /**
     * @param clock what providers get as {@link ProviderContext#clock()}: the rules' clock
     */
    Transport(@Nullable Supplier<Credentials> credentials, Endpoints endpoints, Map<String, String> projectIds,
            @Nullable HttpClient givenClient, RetryPolicy retry, Duration requestTimeout, Clock clock) {
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.projectIds = Map.copyOf(projectIds);
        this.givenClient = givenClient;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** Scrubs the current credentials' secrets from what services said: a last pass over outcomes and logs. */
    Redactor redactor() {
        Credentials now;
        try {
            now = credentials != null ? credentials.get() : null;
        } catch (RuntimeException e) {
            now = null; // the push itself reports a supplier that fails
        }
        return now == null ? Redactor.none() : Redactor.of(now);
    }

    /** The context {@code provider} connects with; its errors name that provider. */
    ProviderContext contextFor(PushProvider provider, ProviderDescriptor descriptor) {
        return new Context(descriptor.displayName() + " (" + provider.getClass().getName() + ")");
    }

    /** The context of a client of this transport that is not a provider; its errors name {@code client}. */
    ProviderContext contextFor(String client) {
        return new Context(client);
    }

    private synchronized CloudHttp http(Supplier<Credentials> signWith) {
        if (closed) {
            throw new IllegalStateException("This ScmPush is closed; build a new one");
        }
        if (http == null) {
            HttpClient client = givenClient;
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(requestTimeout).executor(Runnable::run).build();
                ownClient = client;
            }
            http = new HuaweiCloudHttp(signWith, client, retry, requestTimeout, Clock.systemUTC(), Sleeper.SYSTEM,
                    endpoints::iam);
        }
        return http;
    }

    private synchronized ProjectResolver projects(CloudHttp signed) {
        if (projects == null) {
            projects = new ProjectResolver(signed, endpoints, projectIds);
        }
        return projects;
    }

    /**
     * Closes the HTTP client if we made it (possible from Java 21 on), and lets go of the transport's
     * client either way: a provider may still hold the transport, and before Java 21 the client's
     * selector thread ends only once the client is unreachable.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.release();
            http = null;
            projects = null;
        }
        HttpClient client = ownClient;
        ownClient = null;
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger("io.scmpush").log(System.Logger.Level.DEBUG, "Closing the HTTP client failed", e);
            }
        }
    }

    private final class Context implements ProviderContext {
        private final String provider;

        Context(String provider) {
            this.provider = provider;
        }

        /** The credentials to sign with now: a supplier is asked each time. */
        @Override
        public Credentials credentials() {
            Credentials now = credentials != null ? credentials.get() : null;
            if (now == null) {
                throw new ConfigurationException(ConfigurationCodes.NO_CREDENTIALS, provider + " needs Huawei Cloud credentials: "
                        + "call ScmPush.builder().credentials(Credentials.fromEnvironment()) or "
                        + "credentials(Credentials.of(accessKey, secretKey)), or leave this provider out with "
                        + "discoverProviders(false)" + (credentials != null ? " (the credentials supplier returned null)"
                        : "") + ".");
            }
            return now;
        }

        @Override
        public CloudHttp http() {
            if (credentials == null) {
                credentials(); // NO_CREDENTIALS
            }
            return Transport.this.http(Objects.requireNonNull(credentials));
        }

        @Override
        public URI endpoint(String service, @Nullable String region) {
            return endpoints.endpoint(service, region);
        }

        @Override
        public String projectId(String region) {
            return projects(http()).projectId(region);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public String toString() {
            return "ProviderContext[" + provider + "]";
        }
    }
}
