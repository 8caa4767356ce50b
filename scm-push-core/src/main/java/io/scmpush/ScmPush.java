package io.scmpush;

import io.scmpush.internal.engine.EngineSettings;
import io.scmpush.internal.engine.PushEngine;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.rules.RuleEngine;
import io.scmpush.spi.PushProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: pushes certificates to the services of the installed providers. Thread-safe; one
 * instance serves many pushes. Close it to release its threads and HTTP connections.
 *
 * <pre>{@code
 * try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
 *     PushResult result = scm.push(certificate)
 *         .to(Waf.inRegions("cn-north-4"))
 *         .execute();
 * }
 * }</pre>
 */
public final class ScmPush implements AutoCloseable {
    private final PushEngine engine;

    private ScmPush(PushEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a push of {@code certificate}; add targets with {@link PushRequest#to(PushTarget)}.
     *
     * @throws IllegalStateException when this instance is closed
     */
    public PushRequest push(Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        engine.ensureOpen();
        return new PushRequest(engine, certificate, List.of(), DuplicatePolicy.FAIL);
    }

    public PushHistory history() {
        return engine.history();
    }

    /** The service ids of the connected providers. */
    public Set<String> services() {
        return engine.services();
    }

    /** The rule engine in force: the configured one with the providers' rules merged in. */
    public RuleEngine rules() {
        return engine.rules();
    }

    /**
     * Lets running pushes finish (up to 10 s), then stops this instance's threads and closes every
     * provider's client and the HTTP client it created (not one given to {@link Builder#httpClient}).
     * Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Configures an {@link ScmPush}; {@link #build()} validates everything and connects every provider.
     * Setters reject null with a {@link NullPointerException}; values are checked by {@link #build()}.
     * Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Credentials credentials;
        private @Nullable URI endpoint;
        private final Map<String, URI> serviceEndpoints = new LinkedHashMap<>();
        private final Map<Endpoints.RegionKey, URI> regionEndpoints = new LinkedHashMap<>();
        private @Nullable URI iamEndpoint;
        private final Map<String, String> projectIds = new LinkedHashMap<>();
        private final List<PushProvider> providers = new ArrayList<>();
        private boolean discoverProviders = true;
        private ClassLoader discoveryLoader = ScmPush.class.getClassLoader();
        private RuleEngine rules = RuleEngine.standard();
        private @Nullable PushHistory history;
        private @Nullable HttpClient httpClient;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxConcurrency = 8;
        private Clock clock = Clock.systemUTC();
        private PushListener listener = new PushListener() {};

        private Builder() {}

        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** One base URI for every service and IAM: an emulator or a proxy. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder endpoint(String service, URI endpoint) {
            serviceEndpoints.put(Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder endpoint(String service, String region, URI endpoint) {
            regionEndpoints.put(new Endpoints.RegionKey(Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(region, "region")), Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** IAM only; wins over {@link #endpoint(URI)}. */
        public Builder iamEndpoint(URI endpoint) {
            this.iamEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The project id of {@code region}; regions without one are looked up through IAM once. */
        public Builder projectId(String region, String projectId) {
            projectIds.put(Objects.requireNonNull(region, "region"), Objects.requireNonNull(projectId, "projectId"));
            return this;
        }

        /** Registers a provider explicitly; it wins over a discovered one for the same service. */
        public Builder provider(PushProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Whether to find providers with {@link java.util.ServiceLoader}; default true. */
        public Builder discoverProviders(boolean discover) {
            this.discoverProviders = discover;
            return this;
        }

        /** Default {@link RuleEngine#standard()}; the providers' rules are merged into it. */
        public Builder rules(RuleEngine rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Default: a new {@link PushHistory#inMemory()} per instance. */
        public Builder history(PushHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * The client for every Huawei Cloud call; default: one made and closed by the {@link ScmPush}. It must not
         * follow redirects ({@link HttpClient.Redirect#NEVER}, the JDK's default): {@link #build()} refuses one
         * that does with {@code INSECURE_HTTP_CLIENT}.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Default {@link RetryPolicy#defaults()}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** The limit for one HTTP exchange, from connecting to the last byte of the answer; default 30 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many targets are read or written at once; default 8. */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Default {@link Clock#systemUTC()}: the rules' "now", the signing time, the history's times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: none. */
        public Builder listener(PushListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Where discovery looks; tests point it at a class loader with extra service files. */
        Builder discoveryLoader(ClassLoader loader) {
            this.discoveryLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * @throws ConfigurationException {@code NO_CREDENTIALS}, {@code INSECURE_ENDPOINT},
         *     {@code INSECURE_HTTP_CLIENT}, {@code DUPLICATE_PROVIDER}, ...
         */
        public ScmPush build() {
            List<String> problems = new ArrayList<>();
            if (maxConcurrency < 1) {
                problems.add("maxConcurrency must be at least 1, was " + maxConcurrency);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                problems.add("requestTimeout must be positive, was " + requestTimeout);
            }
            projectIds.forEach((region, id) -> {
                checkText("the region of projectId(region, id)", region, problems);
                checkText("projectId(\"" + region + "\", id)", id, problems);
            });
            if (!problems.isEmpty()) {
                throw new ConfigurationException("INVALID_ARGUMENT",
                        "ScmPush.builder(): " + String.join("; ", problems));
            }
            if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                // A followed redirect would carry the signed request, the token and a private key elsewhere.
                throw new ConfigurationException("INSECURE_HTTP_CLIENT", "ScmPush.builder().httpClient(...): the "
                        + "client follows redirects (" + httpClient.followRedirects() + "), which could send signed "
                        + "requests, security tokens and private keys to another host; build it with "
                        + "followRedirects(HttpClient.Redirect.NEVER), the default");
            }
            return new ScmPush(PushEngine.start(new EngineSettings(credentials, endpoint, serviceEndpoints,
                    regionEndpoints, iamEndpoint, projectIds, providers, discoverProviders, discoveryLoader, rules,
                    history != null ? history : PushHistory.inMemory(), httpClient, retry, requestTimeout,
                    maxConcurrency, clock, listener)));
        }

        private static void checkText(String what, String value, List<String> problems) {
            if (value.isBlank()) {
                problems.add(what + " must not be blank");
            }
        }
    }
}
