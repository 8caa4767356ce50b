package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HuaweiCloudHttpTest {
    static final String AK = "AKTESTAK";
    static final String SK = "sk-never-shown-4f1c";
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final String CREATE_PATH = "/v1/p-123/waf/certificate";
    static final RetryPolicy THREE_TRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(5));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();

    // ---- the request on the wire ----

    @Test
    void a_create_is_signed_scoped_to_its_project_and_carries_its_json_body() {
        wm.stubFor(post(CREATE_PATH).willReturn(
                okJson("{\"id\":\"cert-1\",\"name\":\"c\"}").withHeader("X-Request-Id", "req-hdr")));

        CloudHttp.Response response = http(THREE_TRIES).send(create().build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"cert-1\",\"name\":\"c\"}");
        assertThat(response.requestId()).isEqualTo("req-hdr");
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.headers()).containsEntry("x-request-id", List.of("req-hdr"));
        wm.verify(postRequestedFor(urlEqualTo(CREATE_PATH))
                .withHeader("X-Project-Id", equalTo("p-123"))
                .withHeader("X-Sdk-Date", equalTo("20261127T120000Z"))
                .withHeader("User-Agent", matching("scm-push-java/\\d\\S*"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=AKTESTAK, "
                        + "SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}"))
                .withoutHeader("X-Domain-Id")
                .withoutHeader("X-Security-Token")
                .withRequestBody(equalToJson("{\"name\":\"c\",\"content\":\"PEM\",\"key\":\"KEY\"}")));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void the_signed_host_is_the_one_the_jdk_sends_also_with_its_default_http2_preferring_client() {
        wm.stubFor(get("/v3/projects").willReturn(okJson("{}")));

        new HuaweiCloudHttp(Credentials.of(AK, SK), HttpClient.newHttpClient(), THREE_TRIES, Duration.ofSeconds(5),
                Clock.systemUTC(), sleeps::add).send(CloudHttp.Request.builder("GET", endpoint(), "/v3/projects").build());

        assertSignedCorrectly(AK, SK);
    }

    @Test
    void a_cleartext_loopback_endpoint_is_spoken_to_in_http_1_1_without_an_h2c_upgrade_offer() {
        wm.stubFor(get("/v3/projects").willReturn(okJson("{}")));

        new HuaweiCloudHttp(Credentials.of(AK, SK), HttpClient.newHttpClient(), THREE_TRIES, Duration.ofSeconds(5),
                Clock.systemUTC(), sleeps::add).send(CloudHttp.Request.builder("GET", endpoint(), "/v3/projects").build());

        wm.verify(getRequestedFor(urlEqualTo("/v3/projects")).withoutHeader("Upgrade").withoutHeader("HTTP2-Settings"));
    }

    @Test
    void a_global_call_with_temporary_credentials_signs_the_domain_id_and_the_security_token() {
        wm.stubFor(put("/v1.0/cdn/domains/config-https-info").willReturn(okJson("{}")));
        Credentials temporary = Credentials.temporary(AK, SK, "token-secret-77").withDomainId("dom-1");

        http(THREE_TRIES, temporary, Duration.ofSeconds(5)).send(CloudHttp.Request
                .builder("PUT", endpoint(), "/v1.0/cdn/domains/config-https-info").jsonBody("{\"https\":{}}").build());

        wm.verify(putRequestedFor(urlEqualTo("/v1.0/cdn/domains/config-https-info"))
                .withHeader("X-Domain-Id", equalTo("dom-1"))
                .withHeader("X-Security-Token", equalTo("token-secret-77"))
                .withoutHeader("X-Project-Id")
                .withHeader("Authorization", matching(".*SignedHeaders=host;user-agent;x-domain-id;x-sdk-date;"
                        + "x-security-token, .*")));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void a_wildcard_domain_is_sent_as_is_in_the_path_and_signed_as_percent_2A() {
        wm.stubFor(put(urlPathEqualTo("/v1.1/cdn/configuration/domains/*.example.com/configs"))
                .willReturn(okJson("{}")));

        http(THREE_TRIES).send(CloudHttp.Request.builder("PUT", endpoint(),
                "/v1.1/cdn/configuration/domains/*.example.com/configs").query("enterprise_project_id", "all")
                .jsonBody("{\"configs\":{}}").build());

        List<LoggedRequest> received = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).singleElement().extracting(LoggedRequest::getUrl)
                .isEqualTo("/v1.1/cdn/configuration/domains/*.example.com/configs?enterprise_project_id=all");
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void query_parameters_are_encoded_in_the_order_added_and_repeated_keys_are_kept() {
        wm.stubFor(get(urlPathEqualTo("/v3/projects")).willReturn(okJson("{\"projects\":[]}")));

        http(THREE_TRIES).send(CloudHttp.Request.builder("GET", endpoint(), "/v3/projects")
                .query("name", "a b").query("tag", "x/y").query("tag", "é").query("empty", "").build());

        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).singleElement().extracting(LoggedRequest::getUrl)
                .isEqualTo("/v3/projects?name=a%20b&tag=x%2Fy&tag=%C3%A9&empty=");
        wm.verify(getRequestedFor(urlPathEqualTo("/v3/projects")).withQueryParam("name", equalTo("a b"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void an_endpoint_with_a_base_path_is_kept_in_front_of_the_request_path_and_signed_with_it() {
        wm.stubFor(get("/proxy/v3/projects").willReturn(okJson("{}")));

        http(THREE_TRIES).send(CloudHttp.Request.builder("GET", URI.create(wm.baseUrl() + "/proxy/"), "/v3/projects")
                .build());

        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).singleElement().extracting(LoggedRequest::getUrl)
                .isEqualTo("/proxy/v3/projects");
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void the_request_id_of_a_success_comes_from_the_header_before_the_body_as_the_official_sdk_reads_it() {
        wm.stubFor(post(CREATE_PATH).willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "hdr")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"request_id\":\"body-id\",\"certificate\":{\"id\":\"c1\"}}")));
        wm.stubFor(get("/only-body").willReturn(okJson("{\"request_id\":\"body-id\"}")));

        CloudHttp.Response response = http(THREE_TRIES).send(create().build());
        CloudHttp.Response withoutHeader = http(THREE_TRIES).send(CloudHttp.Request.builder("GET", endpoint(),
                "/only-body").build());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.requestId()).isEqualTo("hdr");
        assertThat(withoutHeader.requestId()).isEqualTo("body-id");
    }

    @Test
    void every_call_says_application_json_gets_included_unless_it_sets_its_own_content_type() {
        wm.stubFor(get("/v3/projects").willReturn(okJson("{}")));
        wm.stubFor(post(CREATE_PATH).willReturn(okJson("{}")));

        HuaweiCloudHttp http = http(THREE_TRIES);
        http.send(CloudHttp.Request.builder("GET", endpoint(), "/v3/projects").build());
        http.send(create().build());
        http.send(create().header("Content-Type", "application/json;charset=UTF-8").build());

        wm.verify(getRequestedFor(urlEqualTo("/v3/projects")).withHeader("Content-Type", equalTo("application/json")));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH)).withHeader("Content-Type", equalTo("application/json")));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH))
                .withHeader("Content-Type", equalTo("application/json;charset=UTF-8")));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void an_error_pair_counts_only_with_both_its_code_and_its_message() {
        wm.stubFor(post(CREATE_PATH).willReturn(json(400, "{\"error_code\":\"WAF.00011001\"}")));
        wm.stubFor(get("/half").willReturn(okJson("{\"error_code\":\"CDN.0001\",\"items\":[]}")));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), create().build());
        CloudHttp.Response half = http(THREE_TRIES).send(CloudHttp.Request.builder("GET", endpoint(), "/half").build());

        assertThat(e.code()).isEqualTo("HTTP_400");
        assertThat(e.errorCode()).isNull();
        assertThat(half.status()).isEqualTo(200);
    }

    @Test
    void a_tls_failure_is_not_retried_and_keeps_its_cause() {
        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), CloudHttp.Request.builder("GET",
                URI.create("https://127.0.0.1:" + wm.getPort()), "/v3/projects").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.IO_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void an_unknown_host_is_not_retried() {
        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), CloudHttp.Request.builder("GET",
                URI.create("http://no-such-host.invalid"), "/v3/projects").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.IO_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("does not resolve");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_success_with_no_request_id_in_its_body_takes_the_header_one_and_keeps_its_body_whole() {
        String body = "{\"request_id\":\"\",\"certificate\":{\"id\":\"c1\",\"request_id\":\"nested\"}}";
        wm.stubFor(post(CREATE_PATH).willReturn(aResponse().withStatus(200).withHeader("X-Request-Id", "hdr")
                .withHeader("Content-Type", "application/json").withBody(body)));

        CloudHttp.Response response = http(THREE_TRIES).send(create().build());

        assertThat(response.requestId()).isEqualTo("hdr");
        assertThat(response.body()).isEqualTo(body);
    }

    // ---- error envelopes ----

    static Stream<Arguments> envelopes() {
        return Stream.of(
                Arguments.of("waf error_code/error_msg, request id in the header",
                        json(400, "{\"error_code\":\"WAF.00011016\",\"error_msg\":\"name.duplicate\"}")
                                .withHeader("X-Request-Id", "hdr-1"),
                        400, "WAF.00011016", "WAF.00011016", "hdr-1", "name.duplicate"),
                Arguments.of("elb envelope with request_id in the body: the header's comes first",
                        json(409, "{\"error_code\":\"ELB.1011\",\"error_msg\":\"invalid cert\",\"request_id\":\"b-2\"}")
                                .withHeader("X-Request-Id", "hdr-2"),
                        409, "ELB.1011", "ELB.1011", "hdr-2", "invalid cert"),
                Arguments.of("elb envelope without the header",
                        json(409, "{\"error_code\":\"ELB.1011\",\"error_msg\":\"invalid cert\",\"request_id\":\"b-2\"}"),
                        409, "ELB.1011", "ELB.1011", "b-2", "invalid cert"),
                Arguments.of("code/message",
                        json(400, "{\"code\":\"SCM.0001\",\"message\":\"bad id\"}"),
                        400, "SCM.0001", "SCM.0001", null, "bad id"),
                Arguments.of("nested error with code/message",
                        json(404, "{\"error\":{\"code\":\"CDN.0105\",\"message\":\"no such domain\"}}"),
                        404, "CDN.0105", "CDN.0105", null, "no such domain"),
                Arguments.of("nested error with error_code/error_msg and a request id inside",
                        json(400, "{\"error\":{\"error_code\":\"CDN.0108\",\"error_msg\":\"not owned\","
                                + "\"request_id\":\"in-err\"}}"),
                        400, "CDN.0108", "CDN.0108", "in-err", "not owned"),
                Arguments.of("CDN error body in a 200 response",
                        json(200, "{\"error\":{\"error_code\":\"CDN.0105\",\"error_msg\":\"domain not found\"}}")
                                .withHeader("X-Request-Id", "cdn-hdr"),
                        200, "CDN.0105", "CDN.0105", "cdn-hdr", "domain not found"),
                Arguments.of("top-level error_code in a 200 response",
                        json(200, "{\"items\":[],\"error_code\":\"CDN.0001\",\"error_msg\":\"busy\","
                                + "\"request_id\":\"r-200\"}"),
                        200, "CDN.0001", "CDN.0001", "r-200", "busy"),
                Arguments.of("a 401 from the API gateway",
                        json(401, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"verify aksk signature fail\","
                                + "\"request_id\":\"g-1\"}"),
                        401, OutcomeCodes.AUTH_FAILED, "APIG.0301", "g-1", "verify aksk signature fail"),
                Arguments.of("APIG.0301 with another status",
                        json(400, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"decrypt token fail\"}"),
                        400, OutcomeCodes.AUTH_FAILED, "APIG.0301", null, "decrypt token fail"),
                Arguments.of("a 403 without a service code",
                        aResponse().withStatus(403).withBody(""), 403, OutcomeCodes.AUTH_FAILED, null, null, "HTTP 403"),
                Arguments.of("a 403 with the service's own code",
                        json(403, "{\"error_code\":\"WAF.00014002\",\"error_msg\":\"no permission on resource\"}"),
                        403, "WAF.00014002", "WAF.00014002", null, "no permission on resource"),
                Arguments.of("a non-JSON body",
                        aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                                .withHeader("X-Request-Id", "html-1").withBody("<html>oops SECRET-PAGE</html>"),
                        500, "HTTP_500", null, "html-1", "non-JSON body (text/html, 29 bytes)"),
                Arguments.of("an empty body",
                        aResponse().withStatus(400), 400, "HTTP_400", null, null, "HTTP 400"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void every_error_envelope_becomes_a_cloud_service_exception(String shape, ResponseDefinitionBuilder reply,
            int status, String code, String errorCode, String requestId, String messagePart) {
        wm.stubFor(post(CREATE_PATH).willReturn(reply));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), create().build());

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.errorCode()).isEqualTo(errorCode);
        assertThat(e.requestId()).isEqualTo(requestId);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains(messagePart).contains("POST " + wm.baseUrl() + CREATE_PATH)
                .doesNotContain("SECRET-PAGE").doesNotContain("\"key\"");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_successful_listing_whose_items_carry_a_code_is_not_mistaken_for_an_error() {
        wm.stubFor(get("/v1/p/waf/certificate").willReturn(
                okJson("{\"items\":[{\"code\":\"x\",\"message\":\"y\"}],\"error_code\":null}")));

        CloudHttp.Response response = http(THREE_TRIES).send(
                CloudHttp.Request.builder("GET", endpoint(), "/v1/p/waf/certificate").build());

        assertThat(response.status()).isEqualTo(200);
    }

    // ---- retries ----

    @Test
    void an_idempotent_call_is_retried_on_503_with_full_jitter_backoff_within_bounds() {
        failThenSucceed(() -> get("/v1/p/waf/certificate"), 2, aResponse().withStatus(503), okJson("{\"items\":[]}"));

        CloudHttp.Response response = http(THREE_TRIES).send(
                CloudHttp.Request.builder("GET", endpoint(), "/v1/p/waf/certificate").build());

        assertThat(response.attempts()).isEqualTo(3);
        wm.verify(3, getRequestedFor(urlEqualTo("/v1/p/waf/certificate")));
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void backoff_is_full_jitter_doubling_from_base_and_never_above_the_cap() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] max = new long[11];
        for (int i = 0; i < 2000; i++) {
            for (int attempt = 1; attempt <= 10; attempt++) {
                Duration d = HuaweiCloudHttp.backoff(policy, attempt);
                long ceiling = Math.min(1000, 100L << (attempt - 1));
                assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
                max[attempt] = Math.max(max[attempt], d.toMillis());
            }
        }
        // The whole range is used: jitter is not a fixed fraction of the ceiling.
        assertThat(max[1]).isGreaterThan(90);
        assertThat(max[6]).isGreaterThan(900);
        assertThat(HuaweiCloudHttp.backoff(RetryPolicy.of(100, Duration.ofSeconds(1), Duration.ofSeconds(5)), 100))
                .isBetween(Duration.ZERO, Duration.ofSeconds(5));
    }

    @Test
    void throttling_on_every_attempt_ends_as_throttled_after_the_last_retry() {
        wm.stubFor(get("/v1/p/waf/certificate").willReturn(json(429,
                "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}")));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES),
                CloudHttp.Request.builder("GET", endpoint(), "/v1/p/waf/certificate").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.THROTTLED);
        assertThat(e.errorCode()).isEqualTo("APIG.0308");
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        wm.verify(3, getRequestedFor(urlEqualTo("/v1/p/waf/certificate")));
    }

    @Test
    void retry_after_in_seconds_is_honoured_instead_of_the_backoff() {
        failThenSucceed(() -> post(CREATE_PATH), 1, aResponse().withStatus(429).withHeader("Retry-After", "7"),
                okJson("{\"id\":\"c\"}"));

        CloudHttp.Response response = http(THREE_TRIES).send(create().build());

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_as_an_http_date_is_measured_from_the_clock() {
        String inNineSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(9).atZone(ZoneOffset.UTC));
        failThenSucceed(() -> get("/x"), 1, aResponse().withStatus(503).withHeader("Retry-After", inNineSeconds),
                okJson("{}"));

        http(THREE_TRIES).send(CloudHttp.Request.builder("GET", endpoint(), "/x").build());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(9));
    }

    @Test
    void a_retry_after_longer_than_a_minute_is_not_waited_for_and_says_when_to_come_back() {
        wm.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES),
                CloudHttp.Request.builder("GET", endpoint(), "/x").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.THROTTLED);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("retry after 3600 s");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void an_authentication_failure_is_never_retried() {
        wm.stubFor(get("/x").willReturn(json(401,
                "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}")));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES),
                CloudHttp.Request.builder("GET", endpoint(), "/x").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("Incorrect IAM authentication information").contains("system clock");
        wm.verify(1, getRequestedFor(urlEqualTo("/x")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_create_is_retried_when_throttled() {
        failThenSucceed(() -> post(CREATE_PATH), 1, json(429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"slow down\"}"),
                okJson("{\"id\":\"c\"}"));

        CloudHttp.Response response = http(THREE_TRIES).send(create().build());

        assertThat(response.attempts()).isEqualTo(2);
        wm.verify(2, postRequestedFor(urlEqualTo(CREATE_PATH))
                .withRequestBody(equalToJson("{\"name\":\"c\",\"content\":\"PEM\",\"key\":\"KEY\"}")));
        assertSignedCorrectly(AK, SK);
    }

    @Test
    void a_create_is_not_resent_after_a_503_because_it_may_have_been_stored() {
        wm.stubFor(post(CREATE_PATH).willReturn(aResponse().withStatus(503)));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), create().build());

        assertThat(e.code()).isEqualTo("HTTP_503");
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH)));
    }

    @Test
    void a_create_is_not_resent_after_a_timeout() {
        wm.stubFor(post(CREATE_PATH).willReturn(okJson("{}").withFixedDelay(2000)));

        CloudServiceException e = sendExpectingFailure(
                http(THREE_TRIES, Credentials.of(AK, SK), Duration.ofMillis(300)), create().build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("no complete response within 300 ms").contains("may have reached the service");
        wm.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH)));
    }

    @Test
    void an_idempotent_call_is_retried_after_a_timeout() {
        wm.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(2000)));

        CloudServiceException e = sendExpectingFailure(
                http(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(1)), Credentials.of(AK, SK),
                        Duration.ofMillis(300)),
                CloudHttp.Request.builder("GET", endpoint(), "/slow").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(e.attempts()).isEqualTo(2);
        wm.verify(2, getRequestedFor(urlEqualTo("/slow")));
    }

    @Test
    void a_reset_connection_is_an_io_error_and_a_create_is_not_resent_after_it() {
        wm.stubFor(post(CREATE_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        CloudServiceException e = sendExpectingFailure(http(THREE_TRIES), create().build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.IO_ERROR);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.attempts()).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlEqualTo(CREATE_PATH)));
    }

    @Test
    void a_refused_connection_is_retried_even_for_a_create_because_nothing_was_sent() throws IOException {
        CloudServiceException e;
        // Bound but not listening: refused every time (a port merely closed may be taken by someone else).
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            URI closed = URI.create("http://127.0.0.1:" + held.getLocalPort());
            e = sendExpectingFailure(http(THREE_TRIES),
                    CloudHttp.Request.builder("POST", closed, CREATE_PATH).projectId("p-123").jsonBody("{}").build());
        }

        assertThat(e.code()).isEqualTo(OutcomeCodes.IO_ERROR);
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(e.getMessage()).contains("ConnectException").doesNotContain("may have reached");
    }

    @Test
    void with_no_retry_policy_a_throttled_call_is_sent_once() {
        wm.stubFor(get("/x").willReturn(aResponse().withStatus(429)));

        CloudServiceException e = sendExpectingFailure(http(RetryPolicy.none()),
                CloudHttp.Request.builder("GET", endpoint(), "/x").build());

        assertThat(e.code()).isEqualTo(OutcomeCodes.THROTTLED);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void each_attempt_is_signed_afresh() {
        failThenSucceed(() -> get("/x"), 1, aResponse().withStatus(502), ok());

        http(THREE_TRIES).send(CloudHttp.Request.builder("GET", endpoint(), "/x").build());

        wm.verify(2, getRequestedFor(urlEqualTo("/x")));
        assertSignedCorrectly(AK, SK);
    }

    // ---- helpers ----

    private CloudHttp.Request.Builder create() {
        return CloudHttp.Request.builder("POST", endpoint(), CREATE_PATH).projectId("p-123")
                .jsonBody("{\"name\":\"c\",\"content\":\"PEM\",\"key\":\"KEY\"}");
    }

    private HuaweiCloudHttp http(RetryPolicy retry) {
        return http(retry, Credentials.of(AK, SK), Duration.ofSeconds(5));
    }

    private HuaweiCloudHttp http(RetryPolicy retry, Credentials credentials, Duration timeout) {
        return new HuaweiCloudHttp(credentials, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                retry, timeout, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
    }

    static CloudServiceException sendExpectingFailure(CloudHttp http, CloudHttp.Request request) {
        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> http.send(request));
        assertThat(e).as("expected a CloudServiceException").isNotNull();
        return e;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Answers {@code failures} times with {@code failure}, then with {@code success}. */
    static void failThenSucceed(Supplier<MappingBuilder> mapping, int failures,
            ResponseDefinitionBuilder failure, ResponseDefinitionBuilder success) {
        String state = STARTED;
        for (int i = 1; i <= failures; i++) {
            String next = "failed-" + i;
            wm.stubFor(mapping.get().inScenario("flaky").whenScenarioStateIs(state).willReturn(failure)
                    .willSetStateTo(next));
            state = next;
        }
        wm.stubFor(mapping.get().inScenario("flaky").whenScenarioStateIs(state).willReturn(success));
    }

    private static URI endpoint() {
        return URI.create(wm.baseUrl());
    }

    /** Recomputes each received request's signature from the request exactly as the server got it. */
    static void assertSignedCorrectly(String ak, String sk) {
        assertSignedCorrectly(wm, ak, sk);
    }

    static void assertSignedCorrectly(WireMockExtension server, String ak, String sk) {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).isNotEmpty();
        for (LoggedRequest r : requests) {
            String url = r.getUrl();
            int q = url.indexOf('?');
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.getHeaders().all().forEach(h -> headers.put(h.key(), h.values()));
            assertThat(ReceivedSignature.verify(r.getMethod().value(), q < 0 ? url : url.substring(0, q),
                    q < 0 ? null : url.substring(q + 1), headers, r.getBody(), ak, sk))
                    .as("signature of %s %s", r.getMethod(), url).isTrue();
        }
    }
}
