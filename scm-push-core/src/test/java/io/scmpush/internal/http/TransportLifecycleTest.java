package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationCodes;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transport under a push's {@link PushScope}: the deadline, the write gate and credentials per request. */
class TransportLifecycleTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void credentials_from_a_supplier_are_asked_for_each_request_so_a_rotation_takes_effect_at_once() {
        wm.stubFor(get("/v3/projects").willReturn(okJson("{}")));
        AtomicReference<Credentials> current = new AtomicReference<>(Credentials.of("AK-FIRST", "sk-first"));
        HuaweiCloudHttp http = http(current::get, RetryPolicy.none(), Duration.ofSeconds(5));

        http.send(projects());
        current.set(Credentials.temporary("AK-SECOND", "sk-second", "token-second"));
        http.send(projects());

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent =
                wm.findAll(getRequestedFor(urlEqualTo("/v3/projects")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getHeader("Authorization")).contains("Access=AK-FIRST,");
        assertThat(sent.get(0).containsHeader("X-Security-Token")).isFalse();
        assertThat(sent.get(1).getHeader("Authorization")).contains("Access=AK-SECOND,");
        assertThat(sent.get(1).getHeader("X-Security-Token")).isEqualTo("token-second");
    }

    @Test
    void a_supplier_that_returns_null_fails_the_request_with_no_credentials_and_sends_nothing() {
        HuaweiCloudHttp http = http(() -> null, RetryPolicy.none(), Duration.ofSeconds(5));

        io.scmpush.ConfigurationException e = catchThrowableOfType(io.scmpush.ConfigurationException.class,
                () -> http.send(projects()));

        assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void each_attempt_s_timeout_shrinks_to_the_time_left_before_the_push_s_deadline() {
        Recording client = new Recording();
        HuaweiCloudHttp http = new HuaweiCloudHttp(Credentials.of("AK", "SK"), client,
                RetryPolicy.of(3, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(30), Clock.systemUTC(),
                sleeps::add);

        catchThrowableOfType(CloudServiceException.class,
                () -> PushScope.within(Duration.ofSeconds(10)).run(() -> http.send(projects())));
        catchThrowableOfType(CloudServiceException.class, () -> http.send(projects()));

        assertThat(client.timeouts).hasSize(6);
        assertThat(client.timeouts.subList(0, 3)).allSatisfy(t -> assertThat(t).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(client.timeouts.subList(3, 6)).as("outside a push: the request timeout")
                .containsOnly(Duration.ofSeconds(30));
    }

    @Test
    void no_attempt_starts_after_the_deadline() {
        HuaweiCloudHttp http = http(() -> Credentials.of("AK", "SK"), RetryPolicy.defaults(), Duration.ofSeconds(5));
        PushScope passed = PushScope.within(Duration.ofNanos(1));
        while (!passed.expired()) {
            Thread.onSpinWait();
        }

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> passed.run(() -> http.send(projects())));

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.attempts()).isZero();
        assertThat(PushScope.notSent(e)).isTrue();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_retry_whose_wait_outlasts_the_deadline_is_not_made() {
        wm.stubFor(get("/v3/projects").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        HuaweiCloudHttp http = http(() -> Credentials.of("AK", "SK"), RetryPolicy.defaults(), Duration.ofSeconds(5));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> PushScope.within(Duration.ofSeconds(20)).run(() -> http.send(projects())));

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.getMessage()).contains("deadline");
        assertThat(sleeps).isEmpty();
        wm.verify(1, getRequestedFor(urlEqualTo("/v3/projects")));
    }

    @Test
    void once_writes_stopped_a_create_is_not_sent_but_a_read_still_is() {
        wm.stubFor(get("/v3/projects").willReturn(okJson("{}")));
        wm.stubFor(post("/v1/p/waf/certificate").willReturn(okJson("{\"id\":\"c\"}")));
        HuaweiCloudHttp http = http(() -> Credentials.of("AK", "SK"), RetryPolicy.defaults(), Duration.ofSeconds(5));
        PushScope scope = PushScope.unbounded();
        scope.stopWrites(PushScope.CANCELLED);

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> scope.run(() -> http.send(
                CloudHttp.Request.builder("POST", URI.create(wm.baseUrl()), "/v1/p/waf/certificate").projectId("p")
                        .jsonBody("{}").build())));
        scope.run(() -> http.send(projects()));

        assertThat(e.code()).isEqualTo(OutcomeCodes.CANCELLED);
        assertThat(e.getMessage()).startsWith("Not sent");
        assertThat(wm.getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getMethod().value()).isEqualTo("GET"));
    }

    private HuaweiCloudHttp http(Supplier<Credentials> credentials, RetryPolicy retry, Duration timeout) {
        return new HuaweiCloudHttp(credentials, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                retry, timeout, Clock.systemUTC(), sleeps::add);
    }

    private static CloudHttp.Request projects() {
        return CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()), "/v3/projects").build();
    }

    /** A client that sends nothing: it records each request's timeout and fails to connect. */
    private static final class Recording extends HttpClient {
        final List<Duration> timeouts = new ArrayList<>();

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
            timeouts.add(request.timeout().orElseThrow());
            throw new ConnectException("refused");
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            timeouts.add(request.timeout().orElseThrow());
            return CompletableFuture.failedFuture(new ConnectException("refused"));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SSLParameters sslParameters() {
            return new SSLParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }
}
