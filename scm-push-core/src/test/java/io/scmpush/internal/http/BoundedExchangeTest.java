package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One exchange is bounded: in time, body included; in size; and it never leaves the endpoint it was sent to. */
class BoundedExchangeTest {
    static final String PATH = "/v1/p-123/waf/certificate";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    @Timeout(5)
    void a_body_that_arrives_slower_than_the_request_timeout_ends_the_call_with_timeout() {
        // The headers come at once; the body in 20 pieces over 20 s.
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"total\":0}".repeat(20))
                .withChunkedDribbleDelay(20, 20_000)));

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(RetryPolicy.of(2, Duration.ofMillis(1),
                Duration.ofMillis(1)), Duration.ofMillis(300)), list());

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.getMessage()).contains("no complete response within 300 ms");
        assertThat(e.attempts()).isEqualTo(2);
        wm.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    @Timeout(5)
    void a_create_whose_reply_drips_is_not_resent_by_the_transport() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"c-1\"}")
                .withChunkedDribbleDelay(10, 20_000)));

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(HuaweiCloudHttpTest.THREE_TRIES,
                Duration.ofMillis(300)), CloudHttp.Request.builder("POST", endpoint(), PATH).jsonBody("{}").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.httpStatus()).as("ambiguous: the create may have been stored").isZero();
        assertThat(e.getMessage()).contains("may have reached the service");
        wm.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    @Timeout(5)
    void an_answer_that_declares_more_than_the_cap_is_refused_unread_and_not_retried() {
        // WireMock sends the length it is told; the body itself is never read.
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", Long.toString(HuaweiCloudHttp.MAX_RESPONSE_BYTES + 1L))
                .withBody("{}")));

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(HuaweiCloudHttpTest.THREE_TRIES,
                Duration.ofSeconds(2)), list());

        assertThat(e.code()).isEqualTo(OutcomeCodes.RESPONSE_TOO_LARGE);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("longer than 16777216 bytes");
        wm.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    @Timeout(5)
    void a_redirect_is_a_failure_that_names_where_it_pointed_and_is_never_followed() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "https://collector.example.net/steal")));

        CloudServiceException e = HuaweiCloudHttpTest.sendExpectingFailure(http(HuaweiCloudHttpTest.THREE_TRIES,
                Duration.ofSeconds(2)), CloudHttp.Request.builder("POST", endpoint(), PATH).jsonBody("{}").build());

        assertThat(e.code()).isEqualTo("HTTP_307");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("redirect (HTTP 307 to https://collector.example.net)")
                .contains("never follows").doesNotContain("/steal");
        wm.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeps).isEmpty();
    }

    // ---- the body reader itself ----

    @Test
    void a_body_without_a_length_is_read_to_its_end_below_the_cap() {
        BoundedBody body = new BoundedBody(-1, 100, 200);
        TestSubscription subscription = new TestSubscription();
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[60]), ByteBuffer.wrap(new byte[40])));
        body.onComplete();

        assertThat(body.getBody().toCompletableFuture().join()).hasSize(100);
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void a_body_that_grows_past_the_cap_cancels_its_subscription_and_fails_too_large() {
        BoundedBody body = new BoundedBody(-1, 100, 200);
        TestSubscription subscription = new TestSubscription();
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[60])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[41])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[1_000]))); // still arriving: dropped

        CompletableFuture<byte[]> result = body.getBody().toCompletableFuture();
        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((bytes, e) -> e).join()).isInstanceOf(BoundedBody.TooLarge.class);
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void a_body_that_declares_more_than_the_cap_is_never_requested() {
        BoundedBody body = new BoundedBody(101, 100, 200);
        TestSubscription subscription = new TestSubscription();
        body.onSubscribe(subscription);

        assertThat(subscription.requested).isZero();
        assertThat(subscription.cancelled).isTrue();
        assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
    }

    private CloudHttp.Request list() {
        return CloudHttp.Request.builder("GET", endpoint(), PATH).query("page", "1").build();
    }

    private HuaweiCloudHttp http(RetryPolicy retry, Duration timeout) {
        return new HuaweiCloudHttp(Credentials.of(HuaweiCloudHttpTest.AK, HuaweiCloudHttpTest.SK),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), retry, timeout,
                Clock.systemUTC(), sleeps::add);
    }

    private static URI endpoint() {
        return URI.create(wm.baseUrl());
    }

    private static final class TestSubscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
