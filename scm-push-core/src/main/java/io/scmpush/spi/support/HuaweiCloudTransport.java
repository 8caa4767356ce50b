package io.scmpush.spi.support;

import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds, outside an {@code ScmPush}, the same signed and retrying {@link CloudHttp} an {@code ScmPush} hands
 * its providers, with the two things a test must control and an {@code ScmPush} does not offer: the clock a
 * request is signed with and how the transport waits between retries. A provider's test harness (such as the
 * test kit's {@code TestProviderContext}) uses it to run a provider against WireMock or an emulator without
 * sleeping; applications use {@code ScmPush}, which owns and closes its transport.
 *
 * <pre>{@code
 * CloudHttp http = HuaweiCloudTransport.builder(Credentials.of(ak, sk))
 *         .iamEndpoint(emulator)                    // where a domain-scoped call looks up the account id
 *         .sleeper(HuaweiCloudTransport.Sleeper.NONE) // retries and paced calls do not wait
 *         .signingClock(fixedClock)
 *         .build();
 * }</pre>
 *
 * <p>The transport signs, scopes, times out, retries and maps error envelopes exactly as an
 * {@code ScmPush}'s does; its {@link CloudHttp#retryPolicy()} is the builder's and its
 * {@link CloudHttp#sleep(Duration)} waits through the builder's {@link Sleeper}. It is thread-safe and uses its
 * own {@link HttpClient}, which ends once the transport is unreachable, and one daemon timer thread for answers
 * that arrive too slowly, which ends 30 s after the last request.
 */
public final class HuaweiCloudTransport {
    private HuaweiCloudTransport() {}

    /**
     * Starts a transport that signs with {@code credentials}.
     *
     * @param credentials the access key every request is signed with; a domain id in them spares the IAM
     *     look-up of domain-scoped calls
     * @return a builder with the defaults of {@code ScmPush.builder()}: {@link RetryPolicy#defaults()}, a 30 s
     *     request timeout, the system clock in UTC, real sleeps and Huawei Cloud's IAM endpoints
     * @throws NullPointerException when {@code credentials} is null
     */
    public static Builder builder(Credentials credentials) {
        return new Builder(credentials);
    }

    /** How the transport waits between retries and for {@link CloudHttp#sleep(Duration)}. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps on the calling thread for the whole duration: what an {@code ScmPush} does. */
        Sleeper SYSTEM = duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        };

        /** Returns at once: retries and paced calls follow each other without waiting, as tests want. */
        Sleeper NONE = duration -> {};

        /**
         * Waits for {@code duration}, or as a test decides (for example records it and returns at once).
         *
         * @param duration how long the transport means to wait; never null
         * @throws InterruptedException when the thread is interrupted while waiting; the transport then stops
         *     retrying and throws the last failure, with the interrupt flag set again
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Builds a {@link CloudHttp}; not thread-safe, the transports it builds are. */
    public static final class Builder {
        private final Credentials credentials;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock signingClock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private @Nullable URI iamEndpoint;

        private Builder(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**
         * The retry policy, which {@link CloudHttp#retryPolicy()} also returns.
         *
         * @param retry default {@link RetryPolicy#defaults()}
         * @return this builder
         * @throws NullPointerException when {@code retry} is null
         */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * The timeout of each attempt.
         *
         * @param requestTimeout positive; default 30 s
         * @return this builder
         * @throws NullPointerException when {@code requestTimeout} is null
         * @throws IllegalArgumentException when {@code requestTimeout} is zero or negative
         */
        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The clock each attempt is signed with ({@code X-Sdk-Date}) and an HTTP-date {@code Retry-After} is
         * measured from.
         *
         * @param signingClock default the system clock in UTC
         * @return this builder
         * @throws NullPointerException when {@code signingClock} is null
         */
        public Builder signingClock(Clock signingClock) {
            this.signingClock = Objects.requireNonNull(signingClock, "signingClock");
            return this;
        }

        /**
         * How the transport waits between retries and in {@link CloudHttp#sleep(Duration)}.
         *
         * @param sleeper default {@link Sleeper#SYSTEM}; {@link Sleeper#NONE} in tests
         * @return this builder
         * @throws NullPointerException when {@code sleeper} is null
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The one IAM endpoint, for every region, where a domain-scoped call looks up the account id when the
         * credentials carry none (an emulator serves IAM beside the services).
         *
         * @param iamEndpoint {@code https://}, or {@code http://} on a loopback address only (such as
         *     {@code http://127.0.0.1:41234}); default Huawei Cloud's IAM endpoint of each region
         * @return this builder
         * @throws NullPointerException when {@code iamEndpoint} is null
         */
        public Builder iamEndpoint(URI iamEndpoint) {
            this.iamEndpoint = Objects.requireNonNull(iamEndpoint, "iamEndpoint");
            return this;
        }

        /**
         * Builds a transport; each call builds a new one, with its own {@link HttpClient}.
         *
         * @return a thread-safe transport configured as above
         * @throws io.scmpush.ConfigurationException {@code INSECURE_ENDPOINT} when the IAM endpoint is plain
         *     {@code http://} on a remote host (signed requests go there), {@code INVALID_ARGUMENT} when it is not
         *     an absolute base URI
         */
        public CloudHttp build() {
            URI iam = iamEndpoint == null ? null : Endpoints.checked(iamEndpoint, "iamEndpoint");
            Function<@Nullable String, URI> iamEndpoints = iam != null ? region -> iam : Endpoints.defaults()::iam;
            Sleeper waits = sleeper;
            return new HuaweiCloudHttp(credentials, HttpClient.newHttpClient(), retry, requestTimeout, signingClock,
                    waits::sleep, iamEndpoints);
        }
    }
}
