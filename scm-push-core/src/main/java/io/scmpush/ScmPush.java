package io.scmpush;

import io.scmpush.rules.RuleEngine;
import io.scmpush.spi.PushProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

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
    // TODO(engine): implemented by the push engine
    private ScmPush() {}

    public static Builder builder() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** Starts a push of {@code certificate}; add targets with {@link PushRequest#to(PushTarget)}. */
    public PushRequest push(Certificate certificate) {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    public PushHistory history() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** The service ids of the connected providers. */
    public Set<String> services() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** The rule engine in force: the configured one with the providers' rules merged in. */
    public RuleEngine rules() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** Configures an {@link ScmPush}; {@link #build()} validates everything and connects every provider. */
    public static final class Builder {
        private Builder() {}

        public Builder credentials(Credentials credentials) { throw new UnsupportedOperationException(); }

        /** One base URI for every service and IAM: an emulator or a proxy. */
        public Builder endpoint(URI endpoint) { throw new UnsupportedOperationException(); }

        public Builder endpoint(String service, URI endpoint) { throw new UnsupportedOperationException(); }

        public Builder endpoint(String service, String region, URI endpoint) { throw new UnsupportedOperationException(); }

        /** IAM only; wins over {@link #endpoint(URI)}. */
        public Builder iamEndpoint(URI endpoint) { throw new UnsupportedOperationException(); }

        public Builder projectId(String region, String projectId) { throw new UnsupportedOperationException(); }

        /** Registers a provider explicitly; it wins over a discovered one for the same service. */
        public Builder provider(PushProvider provider) { throw new UnsupportedOperationException(); }

        /** Whether to find providers with {@link java.util.ServiceLoader}; default true. */
        public Builder discoverProviders(boolean discover) { throw new UnsupportedOperationException(); }

        public Builder rules(RuleEngine rules) { throw new UnsupportedOperationException(); }

        public Builder history(PushHistory history) { throw new UnsupportedOperationException(); }

        public Builder httpClient(HttpClient httpClient) { throw new UnsupportedOperationException(); }

        public Builder retry(RetryPolicy retry) { throw new UnsupportedOperationException(); }

        public Builder requestTimeout(Duration timeout) { throw new UnsupportedOperationException(); }

        /** How many targets are read or written at once; default 8. */
        public Builder maxConcurrency(int maxConcurrency) { throw new UnsupportedOperationException(); }

        public Builder clock(Clock clock) { throw new UnsupportedOperationException(); }

        public Builder listener(PushListener listener) { throw new UnsupportedOperationException(); }

        /**
         * @throws ConfigurationException {@code NO_CREDENTIALS}, {@code INSECURE_ENDPOINT},
         *     {@code DUPLICATE_PROVIDER}, ...
         */
        public ScmPush build() { throw new UnsupportedOperationException(); }
    }
}
