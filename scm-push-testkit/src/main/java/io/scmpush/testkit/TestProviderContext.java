package io.scmpush.testkit;

import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code ScmPush} hands a provider, for testing a {@link io.scmpush.spi.TargetClient} directly:
 * the real signed, retrying Huawei Cloud transport, pointed at one endpoint (WireMock or a
 * {@link FakeHuaweiCloud}), whose retries never sleep.
 *
 * <pre>{@code
 * try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
 *     TestProviderContext context = TestProviderContext.builder(cloud.endpoint())
 *             .credentials(cloud.credentials())
 *             .projectId("cn-north-4", cloud.projectId("cn-north-4"))
 *             .build();
 *     TargetClient client = new MyProvider().connect(context);
 *     TargetInventory inventory = client.inventory(certificate, target, "cn-north-4");
 *     ...
 *     assertThat(context.endpointRequests())
 *             .containsOnly(new TestProviderContext.EndpointRequest("my-service", "cn-north-4"));
 * }
 * }</pre>
 *
 * <p>Every service and region resolves to the one endpoint. {@link #projectId} answers the projects given
 * to the builder and refuses any other region with {@code NO_PROJECT}, as {@code ScmPush} does when the
 * account has no project there. The context records what the provider asked it for
 * ({@link #endpointRequests()}, {@link #projectRequests()}), so that a test can pin, for example, that a
 * global service never asks for a project.
 *
 * <p>Unless set, the credentials are {@code Credentials.of("AK", "SK")}, and the retry policy, the request
 * timeout and the clock are those of {@code ScmPush.builder()}: {@link RetryPolicy#defaults()}, 30 s and
 * the system clock in UTC. Thread-safe.
 */
public final class TestProviderContext implements ProviderContext {
    private final URI endpoint;
    private final Credentials credentials;
    private final Map<String, String> projectIds;
    private final Clock clock;
    private final CloudHttp http;
    private final List<EndpointRequest> endpointRequests = new CopyOnWriteArrayList<>();
    private final List<String> projectRequests = new CopyOnWriteArrayList<>();

    private TestProviderContext(Builder builder) {
        this.endpoint = builder.endpoint;
        this.credentials = builder.credentials;
        this.projectIds = Map.copyOf(builder.projectIds);
        this.clock = builder.clock;
        // IAM too is served at the endpoint: an account id is looked up there when the credentials lack one.
        this.http = new HuaweiCloudHttp(credentials, HttpClient.newHttpClient(), builder.retry,
                builder.requestTimeout, clock, wait -> {}, region -> builder.endpoint);
    }

    /**
     * Starts a context whose every service and region is served at {@code endpoint}.
     *
     * @param endpoint a WireMock server's or {@link FakeHuaweiCloud#endpoint()}
     * @return a builder with the defaults above
     */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public CloudHttp http() {
        return http;
    }

    /** The builder's endpoint, whatever the service and region; the request is recorded. */
    @Override
    public URI endpoint(String service, @Nullable String region) {
        endpointRequests.add(new EndpointRequest(service, region));
        return endpoint;
    }

    /**
     * The project given to the builder for {@code region}; the request is recorded.
     *
     * @throws ConfigurationException {@code NO_PROJECT} when the builder was given none for {@code region}
     */
    @Override
    public String projectId(String region) {
        projectRequests.add(region);
        String projectId = projectIds.get(region);
        if (projectId == null) {
            throw new ConfigurationException(OutcomeCodes.NO_PROJECT, "This TestProviderContext has no project for region "
                    + region + ": add projectId(\"" + region + "\", id) to its builder");
        }
        return projectId;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** {@return every {@link #endpoint} call so far, in order, repeats included} */
    public List<EndpointRequest> endpointRequests() {
        return List.copyOf(endpointRequests);
    }

    /** {@return the region of every {@link #projectId} call so far, in order, repeats included} */
    public List<String> projectRequests() {
        return List.copyOf(projectRequests);
    }

    @Override
    public String toString() {
        return "TestProviderContext[" + endpoint + "]";
    }

    /**
     * One {@link #endpoint(String, String)} call.
     *
     * @param service the service id asked for
     * @param region the region asked for; null for the global endpoint
     */
    public record EndpointRequest(String service, @Nullable String region) {
        /**
         * Checks the service.
         *
         * @param service the service id asked for
         * @param region the region asked for; null for the global endpoint
         */
        public EndpointRequest {
            Objects.requireNonNull(service, "service");
        }
    }

    /** Builds a {@link TestProviderContext}; not thread-safe. */
    public static final class Builder {
        private final URI endpoint;
        private Credentials credentials = Credentials.of("AK", "SK");
        private final Map<String, String> projectIds = new LinkedHashMap<>();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /**
         * The credentials the transport signs with and {@link ProviderContext#credentials()} returns.
         *
         * @param credentials default {@code Credentials.of("AK", "SK")}; {@link FakeHuaweiCloud#credentials()}
         *     for the emulator
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The project id {@link ProviderContext#projectId(String)} answers for {@code region}.
         *
         * @param region a region id, such as {@code cn-north-4}
         * @param projectId the project id to answer
         * @return this builder
         */
        public Builder projectId(String region, String projectId) {
            projectIds.put(Objects.requireNonNull(region, "region"), Objects.requireNonNull(projectId, "projectId"));
            return this;
        }

        /**
         * The transport's retry policy; its waits are skipped, not slept.
         *
         * @param retry default {@link RetryPolicy#defaults()}
         * @return this builder
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
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * The clock the transport signs with and {@link ProviderContext#clock()} returns.
         *
         * @param clock default the system clock in UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the context and its transport.
         *
         * @return a context ready to hand to {@link io.scmpush.spi.PushProvider#connect}
         * @throws IllegalArgumentException when the request timeout is not positive
         */
        public TestProviderContext build() {
            return new TestProviderContext(this);
        }
    }
}
