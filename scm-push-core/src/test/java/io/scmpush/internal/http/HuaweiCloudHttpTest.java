package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HuaweiCloudHttpTest {
    static final String AK = "AKTESTAK";
    static final String SK = "sk-never-shown-4f1c";
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    void a_create_is_signed_scoped_to_its_project_and_carries_its_json_body() {
        wm.stubFor(post("/v1/p-123/waf/certificate").willReturn(
                okJson("{\"id\":\"cert-1\",\"name\":\"c\"}").withHeader("X-Request-Id", "req-hdr")));

        CloudHttp.Response response = http(RetryPolicy.defaults(), Credentials.of(AK, SK)).send(
                CloudHttp.Request.builder("POST", endpoint(), "/v1/p-123/waf/certificate").projectId("p-123")
                        .jsonBody("{\"name\":\"c\",\"content\":\"PEM\",\"key\":\"KEY\"}").build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"cert-1\",\"name\":\"c\"}");
        assertThat(response.requestId()).isEqualTo("req-hdr");
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.headers()).containsKey("x-request-id");
        wm.verify(postRequestedFor(urlEqualTo("/v1/p-123/waf/certificate"))
                .withHeader("X-Project-Id", equalTo("p-123"))
                .withHeader("X-Sdk-Date", equalTo("20261127T120000Z"))
                .withHeader("User-Agent", matching("scm-push-java/\\S+"))
                .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=AKTESTAK, "
                        + "SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}"))
                .withoutHeader("X-Domain-Id")
                .withoutHeader("X-Security-Token")
                .withRequestBody(equalToJson("{\"name\":\"c\",\"content\":\"PEM\",\"key\":\"KEY\"}")));
        assertSignedCorrectly(AK, SK);
    }

    private HuaweiCloudHttp http(RetryPolicy retry, Credentials credentials) {
        return new HuaweiCloudHttp(credentials, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                retry, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
    }

    private static URI endpoint() {
        return URI.create(wm.baseUrl());
    }

    /** Recomputes each received request's signature from the request exactly as the server got it. */
    static void assertSignedCorrectly(String ak, String sk) {
        List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).isNotEmpty();
        for (LoggedRequest r : requests) {
            String url = r.getUrl();
            int q = url.indexOf('?');
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.getHeaders().all().forEach(h -> headers.put(h.key(), h.values()));
            assertThat(AkSkSigner.verify(r.getMethod().value(), q < 0 ? url : url.substring(0, q),
                    q < 0 ? null : url.substring(q + 1), headers, r.getBody(), ak, sk))
                    .as("signature of %s %s", r.getMethod(), url).isTrue();
        }
    }
}
