package io.scmpush.spi.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HuaweiCloudTransportTest {
    private static final String PATH = "/v1/p1/things";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void a_request_is_signed_with_the_signing_clock_and_retried_through_the_sleeper() {
        wm.stubFor(get(PATH).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(get(PATH).inScenario("s").whenScenarioStateIs("up").willReturn(okJson("{\"ok\":true}")));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(2).build();
        CloudHttp http = HuaweiCloudTransport.builder(Credentials.of("AK", "SK"))
                .retry(retry)
                .signingClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .sleeper(waits::add)
                .build();

        CloudHttp.Response response = http.send(CloudHttp.Request
                .builder("GET", URI.create(wm.baseUrl()), PATH).build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(waits).hasSize(1);
        assertThat(http.retryPolicy()).isSameAs(retry);
        wm.verify(2, getRequestedFor(urlEqualTo(PATH))
                .withHeader("X-Sdk-Date", equalTo("20260102T030405Z"))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=AK, SignedHeaders=.*, Signature=.*")));
    }

    @Test
    void sleep_goes_through_the_sleeper() throws InterruptedException {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        CloudHttp http = HuaweiCloudTransport.builder(Credentials.of("AK", "SK")).sleeper(waits::add).build();

        http.sleep(Duration.ofHours(1));

        assertThat(waits).containsExactly(Duration.ofHours(1));
    }

    @Test
    void the_defaults_are_those_of_scm_push() throws InterruptedException {
        CloudHttp http = HuaweiCloudTransport.builder(Credentials.of("AK", "SK")).build();

        assertThat(http.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        http.sleep(Duration.ZERO); // the system sleeper returns at once for no wait
    }

    @Test
    void arguments_are_checked_at_the_call() {
        assertThatThrownBy(() -> HuaweiCloudTransport.builder(null)).isInstanceOf(NullPointerException.class);
        HuaweiCloudTransport.Builder builder = HuaweiCloudTransport.builder(Credentials.of("AK", "SK"));
        assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> builder.sleeper(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.signingClock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.iamEndpoint(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_remote_plain_http_iam_endpoint_is_refused_at_build() {
        HuaweiCloudTransport.Builder builder = HuaweiCloudTransport.builder(Credentials.of("AK", "SK"))
                .iamEndpoint(URI.create("http://iam.example.com"));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INSECURE_ENDPOINT));
        assertThat(builder.iamEndpoint(URI.create("http://127.0.0.1:8080")).build()).isNotNull();
    }
}
