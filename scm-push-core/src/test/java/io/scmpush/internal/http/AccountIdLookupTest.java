package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account id of a global call, looked up through IAM when the credentials carry none (GlobalCredentials). */
class AccountIdLookupTest {
    private static final String DOMAIN_ID = "0b5f8a1c2d3e4f5a6b7c8d9e0f1a2b3c";
    private static final String DOMAINS = "{\"domains\":[{\"id\":\"" + DOMAIN_ID + "\",\"name\":\"acme\","
            + "\"enabled\":true,\"description\":\"\",\"links\":{\"self\":\"x\"}}],\"links\":{\"self\":\"y\"}}";
    private static final String SIGNED = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=[a-z0-9;-]*x-domain-id[a-z0-9;-]*, "
            + "Signature=[0-9a-f]{64}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void a_global_call_without_a_domain_id_looks_it_up_once_and_sends_it_signed() throws Exception {
        wm.stubFor(get("/iam/v3/auth/domains").withHeader("X-Domain-Id", absent()).withHeader("X-Project-Id", absent())
                .willReturn(okJson(DOMAINS).withFixedDelay(200)));
        wm.stubFor(get(urlPathEqualTo("/v1.0/cdn/domains")).withHeader("X-Domain-Id", equalTo(DOMAIN_ID))
                .withHeader("Authorization", matching(SIGNED)).willReturn(okJson("{\"total\":0,\"domains\":[]}")));
        HuaweiCloudHttp http = http(Credentials.of("AK", "SK"));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CloudHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> http.send(cdnCall())));
            }
            for (Future<CloudHttp.Response> call : calls) {
                assertThat(call.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        http.send(cdnCall());

        wm.verify(1, getRequestedFor(urlEqualTo("/iam/v3/auth/domains")));
        wm.verify(9, getRequestedFor(urlPathEqualTo("/v1.0/cdn/domains")).withHeader("X-Domain-Id", equalTo(DOMAIN_ID)));
        HuaweiCloudHttpTest.assertSignedCorrectly(wm, "AK", "SK");
    }

    @Test
    void credentials_with_a_domain_id_need_no_lookup() {
        wm.stubFor(get(urlPathEqualTo("/v1.0/cdn/domains")).withHeader("X-Domain-Id", equalTo("given-id"))
                .willReturn(okJson("{}")));

        http(Credentials.of("AK", "SK").withDomainId("given-id")).send(cdnCall());

        wm.verify(0, getRequestedFor(urlEqualTo("/iam/v3/auth/domains")));
    }

    @Test
    void a_call_that_is_not_domain_scoped_goes_without_the_header_and_without_a_lookup() {
        wm.stubFor(get("/v3/projects?name=cn-north-4").withHeader("X-Domain-Id", absent()).willReturn(okJson("{}")));

        http(Credentials.of("AK", "SK")).send(CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()),
                "/v3/projects").query("name", "cn-north-4").build());

        wm.verify(0, getRequestedFor(urlEqualTo("/iam/v3/auth/domains")));
    }

    @Test
    void a_failed_lookup_fails_the_call_and_is_asked_again_next_time() {
        wm.stubFor(get("/iam/v3/auth/domains").willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM "
                + "authentication information\",\"request_id\":\"r1\"}")));
        HuaweiCloudHttp http = http(Credentials.of("AK", "SK"));

        assertThatThrownBy(() -> http.send(cdnCall())).isInstanceOfSatisfying(CloudServiceException.class,
                e -> assertThat(e.code()).isEqualTo(OutcomeCodes.AUTH_FAILED));
        wm.stubFor(get("/iam/v3/auth/domains").willReturn(okJson("{\"domains\":[]}")));
        assertThatThrownBy(() -> http.send(cdnCall())).isInstanceOfSatisfying(CloudServiceException.class,
                e -> assertThat(e.code()).isEqualTo(OutcomeCodes.DOMAIN_LOOKUP_FAILED));

        wm.verify(2, getRequestedFor(urlEqualTo("/iam/v3/auth/domains")));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/cdn/domains")));
    }

    @Test
    void the_lookup_asks_the_iam_endpoint_of_the_calls_region() {
        wm.stubFor(get("/eu-iam/v3/auth/domains").willReturn(okJson(DOMAINS)));
        wm.stubFor(get(urlPathEqualTo("/v1.0/cdn/domains")).withHeader("X-Domain-Id", equalTo(DOMAIN_ID))
                .willReturn(okJson("{}")));

        http(Credentials.of("AK", "SK")).send(CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()),
                "/v1.0/cdn/domains").domainScoped("eu-west-101").build());

        wm.verify(1, getRequestedFor(urlEqualTo("/eu-iam/v3/auth/domains")));
    }

    private static CloudHttp.Request cdnCall() {
        return CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()), "/v1.0/cdn/domains").domainScoped(null)
                .query("page_size", "10000").build();
    }

    private static HuaweiCloudHttp http(Credentials credentials) {
        return new HuaweiCloudHttp(credentials, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                RetryPolicy.none(), Duration.ofSeconds(5), Clock.systemUTC(), d -> { },
                region -> URI.create(wm.baseUrl() + ("eu-west-101".equals(region) ? "/eu-iam" : "/iam")));
    }
}
