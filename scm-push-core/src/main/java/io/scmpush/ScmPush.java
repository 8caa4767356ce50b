package io.scmpush;

import io.scmpush.internal.engine.EngineAccess;
import io.scmpush.internal.engine.EngineSettings;
import io.scmpush.internal.provider.JacksonVersions;
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
import java.util.function.Supplier;
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
    static {
        // Lets ClientContext (the support tier) reach the engine without a public accessor on ScmPush.
        EngineAccess.register(scm -> scm.engine);
    }

    private final PushEngine engine;

    private ScmPush(PushEngine engine) {
        this.engine = engine;
    }

    /**
     * Starts the configuration of an instance; only {@link Builder#credentials(Credentials)} is usually needed.
     *
     * @return a new builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a push of {@code certificate}; add targets with {@link PushRequest#to(PushTarget)}.
     *
     * @param certificate the certificate to push
     * @return a request without targets and with {@link DuplicatePolicy#FAIL}; nothing is sent until it runs
     * @throws IllegalStateException when this instance is closed
     */
    public PushRequest push(Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        engine.ensureOpen();
        return new PushRequest(engine, certificate, List.of(), DuplicatePolicy.FAIL, List.of(), null);
    }

    /**
     * Starts a rotation to {@code replacement}: every binding of the targets named with
     * {@link RotationRequest#across} that serves a replaced certificate is pointed at it.
     *
     * @param replacement the new certificate, with its key (a CA certificate for client-CA bindings needs none)
     * @return the request; by default it replaces every older certificate that shares a domain
     * @throws IllegalStateException when this instance is closed
     */
    public RotationRequest rotate(Certificate replacement) {
        Objects.requireNonNull(replacement, "replacement");
        engine.ensureOpen();
        return new RotationRequest(engine, replacement);
    }

    /**
     * Checks what servers present: for each check, a TLS handshake with its SNI name to its host and port that
     * reads the served leaf and compares its SHA-256 fingerprint with {@code expected}'s, trying again until it
     * matches or the check's {@link Verification#within()} has passed. No trust decision is made (any chain is
     * accepted) and nothing is sent after the handshake. Checks run at once; a failed check is a result
     * ({@code MISMATCH}, {@code TLS_ERROR}, {@code UNREACHABLE}), not an exception.
     *
     * @param expected the certificate that should be served
     * @param checks where to look
     * @return one result per check, in order
     * @throws IllegalStateException when this instance is closed
     */
    public List<VerificationResult> verify(Certificate expected, Verification... checks) {
        Objects.requireNonNull(expected, "expected");
        return engine.verify(expected, List.of(checks), null);
    }

    /**
     * The history every {@code execute()} of this instance records into.
     *
     * @return the {@link Builder#history(PushHistory) configured} history, else this instance's in-memory one
     */
    public PushHistory history() {
        return engine.history();
    }

    /** {@return the service ids of the connected providers, such as {@code waf}} */
    public Set<String> services() {
        return engine.services();
    }

    /** {@return the rule engine in force: the configured one with the providers' rules merged in} */
    public RuleEngine rules() {
        return engine.rules();
    }

    /**
     * Refuses new pushes ({@link IllegalStateException}), lets running pushes finish for up to
     * {@link Builder#shutdownTimeout(Duration)}, then ends what is left (targets not written {@code FAILED
     * CANCELLED}, writes under way {@code FAILED OUTCOME_UNKNOWN}) and interrupts its threads; then closes
     * every provider's client and the HTTP client it created (not one given to {@link Builder#httpClient}).
     * A push in flight always gets an outcome for every target. Idempotent. Called from a listener (one of
     * this instance's threads), it does not wait: the instance is released when its last push ends.
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
        private @Nullable Supplier<Credentials> credentials;
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
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * The credentials every Huawei Cloud call is signed with; required unless only providers that need
         * none are installed.
         *
         * @param credentials for example {@link Credentials#fromEnvironment()}
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            this.credentials = () -> credentials;
            return this;
        }

        /**
         * Where the credentials come from: asked once for each request (and when a provider connects), so
         * that temporary keys can be refreshed without a new {@code ScmPush}. It must be thread-safe and
         * fast (cache what it fetches); a null answer fails that request with {@code NO_CREDENTIALS}.
         *
         * @param credentials the supplier, called on the instance's threads
         * @return this builder
         */
        public Builder credentials(Supplier<Credentials> credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * One base URI for every service and IAM: an emulator or a proxy. Without it, each service has its
         * public endpoint.
         *
         * @param endpoint {@code https://}, or {@code http://} on a loopback address only
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The base URI of one service in every region; wins over {@link #endpoint(URI)}.
         *
         * @param service a provider's service id, such as {@code cdn}
         * @param endpoint {@code https://}, or {@code http://} on a loopback address only
         * @return this builder
         */
        public Builder endpoint(String service, URI endpoint) {
            serviceEndpoints.put(Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * The base URI of one service in one region; wins over every other endpoint setting.
         *
         * @param service a provider's service id, such as {@code waf}
         * @param region a region id, such as {@code cn-north-4}
         * @param endpoint {@code https://}, or {@code http://} on a loopback address only
         * @return this builder
         */
        public Builder endpoint(String service, String region, URI endpoint) {
            regionEndpoints.put(new Endpoints.RegionKey(Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(region, "region")), Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * The base URI of IAM only (project ids are looked up there); wins over {@link #endpoint(URI)}.
         *
         * @param endpoint {@code https://}, or {@code http://} on a loopback address only
         * @return this builder
         */
        public Builder iamEndpoint(URI endpoint) {
            this.iamEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The project id of {@code region}; regions without one are looked up through IAM once.
         *
         * @param region a region id, such as {@code cn-north-4}
         * @param projectId the account's project id in that region
         * @return this builder
         */
        public Builder projectId(String region, String projectId) {
            projectIds.put(Objects.requireNonNull(region, "region"), Objects.requireNonNull(projectId, "projectId"));
            return this;
        }

        /**
         * Registers a provider explicitly; it wins over a discovered one for the same service.
         *
         * @param provider the provider; two explicit providers of one service fail {@link #build()}
         * @return this builder
         */
        public Builder provider(PushProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Whether to find providers with {@link java.util.ServiceLoader}; default true.
         *
         * @param discover false to use only the providers given to {@link #provider(PushProvider)}
         * @return this builder
         */
        public Builder discoverProviders(boolean discover) {
            this.discoverProviders = discover;
            return this;
        }

        /**
         * The rules checked before anything is written; the providers' rules are merged into them.
         *
         * @param rules default {@link RuleEngine#standard()}
         * @return this builder
         */
        public Builder rules(RuleEngine rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /**
         * Where outcomes are recorded.
         *
         * @param history default a new {@link PushHistory#inMemory()} per instance; {@link PushHistory#file}
         *     keeps it across restarts
         * @return this builder
         */
        public Builder history(PushHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * The client for every Huawei Cloud call, for a proxy, TLS settings or an executor of your own.
         * Default: one made and closed by the {@link ScmPush}; a client given here is never closed by it. It must
         * not follow redirects ({@link HttpClient.Redirect#NEVER}, the JDK's default): {@link #build()} refuses
         * one that does with {@code INSECURE_HTTP_CLIENT}.
         *
         * @param httpClient the client to send every request with
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * How throttled, unavailable and unanswered calls are retried.
         *
         * @param retry default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} sends each call once
         * @return this builder
         */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * The limit for one HTTP exchange, from connecting to the last byte of the answer; default 30 s. An
         * exchange that runs out of it is a failed attempt with code {@code TIMEOUT}; reads are retried as the
         * {@link #retry(RetryPolicy) retry policy} allows, and a write is never sent twice blindly.
         *
         * @param timeout positive, checked by {@link #build()}
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How many targets are read or written at once; default 8.
         *
         * @param maxConcurrency at least 1, checked by {@link #build()}
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * The rules' "now" (e.g. {@code CERT_EXPIRED}). Nothing else reads it: signing, rate limits, timeouts
         * and the history's times use the system clock.
         *
         * @param clock default {@link Clock#systemUTC()}; a fixed clock makes rule checks repeatable in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Receives each push's plan, outcomes and result as they happen.
         *
         * @param listener default none; called on the pushing threads, so it must be quick and thread-safe
         * @return this builder
         */
        public Builder listener(PushListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How long {@link ScmPush#close()} lets running pushes finish before it ends them; default 30 s.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Where discovery looks; tests point it at a class loader with extra service files. */
        Builder discoveryLoader(ClassLoader loader) {
            this.discoveryLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Validates the whole configuration at once and connects every provider.
         *
         * @return a running instance; close it when done
         * @throws ConfigurationException {@code NO_CREDENTIALS}, {@code INSECURE_ENDPOINT},
         *     {@code INSECURE_HTTP_CLIENT}, {@code DUPLICATE_PROVIDER}, {@code INVALID_ARGUMENT} (every invalid
         *     setting named at once), {@code DEPENDENCY_VERSION} (a Jackson older than 2.16, or
         *     jackson-databind, jackson-core and jackson-annotations of different versions), ...
         */
        public ScmPush build() {
            JacksonVersions.check();
            List<String> problems = new ArrayList<>();
            if (maxConcurrency < 1) {
                problems.add("maxConcurrency must be at least 1, was " + maxConcurrency);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                problems.add("requestTimeout must be positive, was " + requestTimeout);
            }
            if (shutdownTimeout.isNegative()) {
                problems.add("shutdownTimeout must not be negative, was " + shutdownTimeout);
            }
            projectIds.forEach((region, id) -> {
                checkText("the region of projectId(region, id)", region, problems);
                checkText("projectId(\"" + region + "\", id)", id, problems);
            });
            if (!problems.isEmpty()) {
                throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                        "ScmPush.builder(): " + String.join("; ", problems));
            }
            if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                // A followed redirect would carry the signed request, the token and a private key elsewhere.
                throw new ConfigurationException(ConfigurationCodes.INSECURE_HTTP_CLIENT, "ScmPush.builder().httpClient(...): the "
                        + "client follows redirects (" + httpClient.followRedirects() + "), which could send signed "
                        + "requests, security tokens and private keys to another host; build it with "
                        + "followRedirects(HttpClient.Redirect.NEVER), the default");
            }
            return new ScmPush(PushEngine.start(new EngineSettings(credentials, endpoint, serviceEndpoints,
                    regionEndpoints, iamEndpoint, projectIds, providers, discoverProviders, discoveryLoader, rules,
                    history != null ? history : PushHistory.inMemory(), httpClient, retry, requestTimeout,
                    maxConcurrency, clock, listener, shutdownTimeout)));
        }

        private static void checkText(String what, String value, List<String> problems) {
            if (value.isBlank()) {
                problems.add(what + " must not be blank");
            }
        }
    }
}
