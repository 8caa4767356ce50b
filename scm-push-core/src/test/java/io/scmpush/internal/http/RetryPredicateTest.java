package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retry predicate of {@link RetryPolicy}, as the transport applies it. */
class RetryPredicateTest {
    static final String PATH = "/v1/p/waf/certificate";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    void a_predicate_that_declines_throttling_ends_the_call_at_the_first_429() {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(429)));
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3)
                .retryIf(failure -> !failure.code().equals("THROTTLED")).build();

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(policy), request("GET"));

        assertThat(e.code()).isEqualTo("THROTTLED");
        assertThat(e.attempts()).isEqualTo(1);
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void the_predicate_sees_each_failure_and_a_retry_it_accepts_happens() {
        wm.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));
        List<Integer> seen = new ArrayList<>();
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3)
                .retryIf(failure -> seen.add(failure.httpStatus())).build();

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(policy), request("GET"));

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(seen).containsExactly(503, 503);
        wm.verify(3, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_predicate_that_accepts_everything_never_resends_a_create_whose_fate_is_unknown() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(502)));
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).retryIf(failure -> true).build();

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(policy), request("POST"));

        assertThat(e.httpStatus()).isEqualTo(502);
        wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void the_transport_exposes_its_policy_and_waits_through_its_sleeper() throws InterruptedException {
        RetryPolicy policy = RetryPolicy.of(2, Duration.ofMillis(5), Duration.ofMillis(10));
        HuaweiCloudHttp http = http(policy);

        http.sleep(Duration.ofSeconds(7));

        assertThat(http.retryPolicy()).isSameAs(policy);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    private CloudHttp.Request request(String method) {
        return CloudHttp.Request.builder(method, URI.create(wm.baseUrl()), PATH).projectId("p").build();
    }

    private HuaweiCloudHttp http(RetryPolicy retry) {
        return new HuaweiCloudHttp(Credentials.of("AK", "SK"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), retry, Duration.ofSeconds(5),
                Clock.systemUTC(), sleeps::add);
    }
}
