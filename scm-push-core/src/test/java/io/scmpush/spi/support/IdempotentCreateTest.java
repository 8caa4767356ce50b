package io.scmpush.spi.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.PushScope;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotentCreateTest {
    static final String CERTS = "/v1/p/waf/certificate";
    static final String STORED = "{\"items\":[{\"id\":\"cert-9\",\"name\":\"c\"}],\"total\":1}";
    static final String EMPTY = "{\"items\":[],\"total\":0}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();
    /** A generous request timeout: on a loaded machine a re-read that timed out would be retried and counted. */
    HuaweiCloudHttp http = transport(Duration.ofSeconds(10));

    private HuaweiCloudHttp transport(Duration requestTimeout) {
        return new HuaweiCloudHttp(Credentials.of("AK", "SK"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                RetryPolicy.of(3, Duration.ofMillis(100), Duration.ofSeconds(1)), requestTimeout,
                Clock.systemUTC(), sleeps::add);
    }

    @Test
    void a_create_that_timed_out_but_was_stored_is_found_on_re_reading_and_not_sent_again() {
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"id\":\"cert-9\"}").withFixedDelay(3000)).willSetStateTo("stored"));
        wm.stubFor(get(urlPathEqualTo(CERTS)).inScenario("s").whenScenarioStateIs("stored").willReturn(okJson(STORED)));
        http = transport(Duration.ofMillis(1500)); // the create's answer comes too late

        Deployment d = push();

        assertThat(d.remoteId()).isEqualTo("cert-9");
        assertThat(d.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CERTS)));
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void a_create_that_failed_with_504_and_was_not_stored_is_sent_again() {
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(504)).willSetStateTo("retry"));
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs("retry")
                .willReturn(okJson("{\"id\":\"cert-10\"}").withHeader("X-Request-Id", "r-2")));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));

        Deployment d = push();

        assertThat(d).isEqualTo(new Deployment("cert-10", "c", "r-2", 2));
        wm.verify(2, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void a_create_refused_with_503_is_re_read_and_sent_again_not_given_up_after_one_send() {
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("retry"));
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs("retry").willReturn(okJson("{\"id\":\"cert-11\"}")));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));

        Deployment d = push();

        assertThat(d.remoteId()).isEqualTo("cert-11");
        assertThat(d.attempts()).isEqualTo(2);
        wm.verify(2, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void a_creates_503_with_retry_after_waits_that_long_before_the_resend() {
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("retry"));
        wm.stubFor(post(CERTS).inScenario("s").whenScenarioStateIs("retry").willReturn(okJson("{\"id\":\"cert-12\"}")));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));

        Deployment d = push();

        assertThat(d.remoteId()).isEqualTo("cert-12");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void when_every_send_fails_ambiguously_the_last_failure_is_rethrown_after_the_retry_budget() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(502)));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo("HTTP_502");
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("not on the target");
        wm.verify(3, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(3, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void a_rejected_create_is_rethrown_at_once_without_re_reading() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"WAF.00011016\",\"error_msg\":\"name.duplicate\"}")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo("WAF.00011016");
        assertThat(e.attempts()).isEqualTo(1);
        wm.verify(0, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void sends_the_transport_retried_itself_are_counted() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(429)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo(OutcomeCodes.THROTTLED);
        assertThat(e.attempts()).isEqualTo(3);
        wm.verify(0, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void when_re_reading_is_refused_the_outcome_is_unknown_with_the_read_failure_suppressed() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(500)));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(aResponse().withStatus(401)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo(OutcomeCodes.OUTCOME_UNKNOWN);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("may or may not hold the certificate");
        assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(CloudServiceException.class,
                read -> assertThat(read.code()).isEqualTo(OutcomeCodes.AUTH_FAILED));
        wm.verify(1, getRequestedFor(urlPathEqualTo(CERTS))); // a refused read is not asked again
    }

    @Test
    void after_a_lost_reply_a_failed_re_read_is_tried_again_and_finds_the_stored_certificate() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(500)));
        wm.stubFor(get(urlPathEqualTo(CERTS)).inScenario("r").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("listed"));
        wm.stubFor(get(urlPathEqualTo(CERTS)).inScenario("r").whenScenarioStateIs("listed")
                .willReturn(okJson(STORED)));

        Deployment d = push();

        assertThat(d.remoteId()).isEqualTo("cert-9");
        assertThat(d.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(2, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void when_no_re_read_succeeds_within_the_retry_budget_the_outcome_is_unknown_and_nothing_is_resent() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(500)));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(aResponse().withStatus(500)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo(OutcomeCodes.OUTCOME_UNKNOWN);
        assertThat(e.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(3, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void an_interrupt_during_the_create_still_finds_out_that_it_was_stored_and_stays_set() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(500)));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(STORED)));
        URI endpoint = URI.create(wm.baseUrl());

        try {
            Deployment d = IdempotentCreate.run(http, () -> findByName(endpoint, "c"), () -> {
                Thread.currentThread().interrupt(); // as if the caller was interrupted while the create was out
                throw CloudServiceException.builder(OutcomeCodes.CANCELLED, "Interrupted while sending").attempts(1)
                        .build();
            }, IdempotentCreateTest::created);

            assertThat(d.remoteId()).isEqualTo("cert-9");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(sleeps).as("no backoff once interrupted").isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void an_interrupted_create_that_was_not_stored_is_not_sent_again() {
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));
        URI endpoint = URI.create(wm.baseUrl());
        int[] creates = {0};

        try {
            CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> IdempotentCreate.run(
                    http, () -> findByName(endpoint, "c"), () -> {
                        creates[0]++;
                        Thread.currentThread().interrupt();
                        throw CloudServiceException.builder(OutcomeCodes.CANCELLED, "Interrupted while sending")
                                .attempts(1).build();
                    }, IdempotentCreateTest::created));

            assertThat(e.code()).isEqualTo(OutcomeCodes.CANCELLED);
            assertThat(e.getMessage()).contains("not on the target");
            assertThat(creates[0]).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_create_the_push_scope_refuses_is_not_re_read() {
        PushScope scope = PushScope.unbounded();
        scope.stopWrites(PushScope.CANCELLED);

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> scope.run(this::push));

        assertThat(e.code()).isEqualTo(OutcomeCodes.CANCELLED);
        assertThat(e.attempts()).isZero();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_2xx_without_an_id_is_ambiguous_and_the_listed_certificate_is_the_result_sent_once() {
        wm.stubFor(post(CERTS).willReturn(okJson("{\"name\":\"c\"}")));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(STORED)));

        Deployment d = push();

        assertThat(d.remoteId()).isEqualTo("cert-9");
        assertThat(d.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    @Test
    void a_2xx_that_is_not_json_and_not_listed_fails_once_counted_and_is_not_sent_again() {
        wm.stubFor(post(CERTS).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"cert-")));
        wm.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(EMPTY)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, this::push);

        assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("accepted the create").contains("not sent again").doesNotContain("cert-");
        wm.verify(1, postRequestedFor(urlEqualTo(CERTS)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(CERTS)));
    }

    private Deployment push() {
        URI endpoint = URI.create(wm.baseUrl());
        return IdempotentCreate.run(http,
                () -> findByName(endpoint, "c"),
                () -> http.send(CloudHttp.Request.builder("POST", endpoint, CERTS).projectId("p")
                        .jsonBody("{\"name\":\"c\"}").build()),
                IdempotentCreateTest::created);
    }

    /** Reads a create's reply as a provider does: a reply without an id is refused as malformed. */
    private static Deployment created(CloudHttp.Response response) {
        String id = json(response.body()).path("id").asText("");
        if (id.isEmpty()) {
            throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "the create returned no id")
                    .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts())
                    .build();
        }
        return new Deployment(id, "c", response.requestId(), response.attempts());
    }

    private Optional<Deployment> findByName(URI endpoint, String name) {
        CloudHttp.Response list = http.send(CloudHttp.Request.builder("GET", endpoint, CERTS).projectId("p")
                .query("name", name).build());
        for (JsonNode item : json(list.body()).path("items")) {
            if (item.path("name").asText().equals(name)) {
                return Optional.of(new Deployment(item.path("id").asText(), name, list.requestId(), 0));
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
