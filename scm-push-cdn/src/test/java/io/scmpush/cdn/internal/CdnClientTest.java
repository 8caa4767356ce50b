package io.scmpush.cdn.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.cdn.CdnStubs.CONFIG_HTTPS;
import static io.scmpush.cdn.CdnStubs.DOMAINS;
import static io.scmpush.cdn.CdnStubs.HTTPS_INFO;
import static io.scmpush.cdn.CdnStubs.binding;
import static io.scmpush.cdn.CdnStubs.configHttpsResult;
import static io.scmpush.cdn.CdnStubs.domain;
import static io.scmpush.cdn.CdnStubs.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.cdn.Cdn;
import io.scmpush.cdn.CdnStubs;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import io.scmpush.testkit.TestProviderContext.EndpointRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CDN client as an ScmPush drives it: connected through a ProviderContext over the real transport. */
class CdnClientTest {
    @RegisterExtension
    static final WireMockExtension wiremock =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestCertificates.Generated GENERATED =
            TestCertificates.builder().domains("www.example.com").build();
    private static final Certificate CERT = GENERATED.toCertificate();

    private final CdnStubs cdn = new CdnStubs(wiremock);
    private final TestProviderContext context = TestProviderContext.builder(URI.create(wiremock.baseUrl()))
            .credentials(Credentials.of("AK", "SK").withDomainId(CdnStubs.DOMAIN_ID))
            .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void only_requests_cdn_accepts_were_sent_to_the_global_endpoint_without_a_project() {
        assertThat(wiremock.findAllUnmatchedRequests()).isEmpty();
        assertThat(context.endpointRequests()).as("CDN is global").containsOnly(new EndpointRequest("cdn", null));
        assertThat(context.projectRequests()).as("CDN is global: it must not ask for a project").isEmpty();
    }

    @Test
    void the_inventory_reads_every_page_of_both_listings_and_keeps_only_usable_domains() {
        ArrayNode first = JSON.createArrayNode().add(domain("www.example.com", "online"))
                .add(domain("old.example.com", "offline")).add(domain("new.example.com", "configuring"));
        ArrayNode second = JSON.createArrayNode().add(domain("bad.example.com", "check_failed"))
                .add(domain("banned.example.com", "online").put("disabled", 1))
                .add(domain("locked.example.com", "online").put("locked", 1))
                .add(domain("img.example.com", "online"));
        cdn.domainsPage(1, 7, first);
        cdn.domainsPage(2, 7, second);
        long expiry = Instant.parse("2027-03-01T12:00:00Z").toEpochMilli();
        cdn.certificatesPage(1, 3, List.of(binding("www.example.com", "site-2027", expiry),
                binding("img.example.com", "site-2027", expiry)));
        cdn.certificatesPage(2, 3, List.of(binding("api.example.com", "api-cert", 1_767_225_600L)));

        TargetInventory inventory = connect().inventory(CERT, Cdn.matchingDomains(), null);

        assertThat(inventory.serviceAvailable()).isTrue();
        assertThat(inventory.domains()).containsExactly("www.example.com", "new.example.com", "img.example.com");
        assertThat(inventory.certificates()).containsExactly(
                new RemoteCertificate("site-2027", "site-2027", null, Instant.parse("2027-03-01T12:00:00Z")),
                new RemoteCertificate("api-cert", "api-cert", null, Instant.ofEpochSecond(1_767_225_600L)));
        wiremock.verify(2, signed(getRequestedFor(urlPathEqualTo(DOMAINS))));
        wiremock.verify(2, signed(getRequestedFor(urlPathEqualTo(HTTPS_INFO))));
    }

    @Test
    void a_certificate_body_in_the_listing_gives_its_fingerprint() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli())
                .put("certificate", GENERATED.certificatePem()));

        TargetInventory inventory = connect().inventory(CERT, Cdn.matchingDomains(), null);

        assertThat(inventory.certificates()).singleElement()
                .extracting(RemoteCertificate::fingerprint).isEqualTo(CERT.fingerprint());
    }

    @Test
    void an_enterprise_project_scopes_every_call() {
        String project = "b2e5c1d4-8f3a-4e6b-9c7d-0a1b2c3d4e5f";
        ArrayNode domains = JSON.createArrayNode().add(domain("www.example.com", "online"));
        wiremock.stubFor(signed(get(urlPathEqualTo(DOMAINS))).withQueryParam("enterprise_project_id", equalTo(project))
                .withQueryParam("page_number", equalTo("1")).withQueryParam("page_size", equalTo("10000"))
                .willReturn(okJson("{\"total\":1,\"domains\":" + domains + "}")));
        wiremock.stubFor(signed(get(urlPathEqualTo(HTTPS_INFO)))
                .withQueryParam("enterprise_project_id", equalTo(project))
                .withQueryParam("page_number", equalTo("1")).withQueryParam("page_size", equalTo("10000"))
                .willReturn(okJson("{\"total\":0,\"https\":[]}")));
        wiremock.stubFor(signed(get(urlPathEqualTo(CdnStubs.CONFIGS_PREFIX + "www.example.com/configs")))
                .withQueryParam("enterprise_project_id", equalTo(project))
                .willReturn(okJson("{\"configs\":{\"origin_protocol\":\"http\"}}")));
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .withQueryParam("enterprise_project_id", equalTo(project))
                .willReturn(okJson(configHttpsResult("www.example.com", Map.of()))));
        CdnClient client = connect();

        client.inventory(CERT, Cdn.matchingDomains().withOption(Cdn.ENTERPRISE_PROJECT_ID, project), null);
        client.push(CERT, Cdn.matchingDomains().withOption(Cdn.ENTERPRISE_PROJECT_ID, project), null);

        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void pushes_of_one_client_share_the_twenty_calls_a_minute_and_the_21st_waits_for_the_first() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates();
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .willReturn(okJson(configHttpsResult("www.example.com", Map.of()))));
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        CdnClient client = new CdnClient(new CdnApi(context.http(), context.endpoint("cdn", null), null),
                new CallRateLimiter(CdnProvider.CALLS_PER_MINUTE, Duration.ofMinutes(1), clock, wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                }));

        for (int push = 0; push < 20; push++) {
            client.push(CERT, Cdn.matchingDomains(), null);
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(waits).isEmpty();
        Deployment deployment = client.push(CERT, Cdn.matchingDomains(), null);

        assertThat(waits).containsExactly(Duration.ofSeconds(20));
        assertThat(deployment.remoteId()).isEqualTo(CERT.name());
        wiremock.verify(21, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void an_error_in_a_200_listing_is_a_cloud_service_exception_with_the_service_code() {
        wiremock.stubFor(CdnStubs.page(DOMAINS, 1).willReturn(okJson(
                "{\"error\":{\"error_code\":\"CDN.0108\",\"error_msg\":\"The domain does not belong to you.\"}}")
                .withHeader("X-Request-Id", "r-42")));
        cdn.certificates(); // read at the same time as the domains

        assertThatThrownBy(() -> connect().inventory(CERT, Cdn.matchingDomains(), null))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("CDN.0108");
                    assertThat(e.requestId()).isEqualTo("r-42");
                });
    }

    @Test
    void a_later_batch_failing_says_how_far_the_push_got() {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            domains.add("d" + i + ".example.com");
        }
        Certificate wildcard = TestCertificates.builder().domains("*.example.com").build().toCertificate();
        cdn.onlineDomains(domains.toArray(String[]::new));
        cdn.certificates();
        String first = String.join(",", domains.subList(0, 50));
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .withRequestBody(matchingJsonPath(
                        "$.https.domain_name", equalTo(first)))
                .willReturn(okJson(configHttpsResult(first, Map.of()))));
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .withRequestBody(matchingJsonPath(
                        "$.https.domain_name", equalTo(String.join(",", domains.subList(50, 60)))))
                .willReturn(aResponse().withStatus(400)
                        .withBody("{\"error\":{\"error_code\":\"CDN.0005\",\"error_msg\":\"Limit exceeded.\"}}")));

        assertThatThrownBy(() -> connect().push(wildcard, Cdn.matchingDomains(), null))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("CDN.0005");
                    assertThat(e.getMessage()).contains("on 50 of 60 domains, then failed").contains("Limit exceeded.");
                    assertThat(e.attempts()).isEqualTo(2);
                });
    }

    @Test
    void a_push_to_a_domain_removed_since_the_inventory_fails_before_writing() {
        cdn.onlineDomains("img.example.com");
        cdn.certificates(); // read at the same time as the domains

        assertThatThrownBy(() -> connect().push(CERT, Cdn.domains("www.example.com"), null))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(RuleCodes.DOMAIN_NOT_ONBOARDED);
                    assertThat(e.getMessage()).contains("www.example.com is not a usable acceleration domain");
                });
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_call_that_says_fail_without_naming_domains_fails_every_domain_of_it() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates();
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS))).willReturn(okJson("{\"status\":\"fail\"}")));

        assertThatThrownBy(() -> connect().push(CERT, Cdn.matchingDomains(), null))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(OutcomeCodes.CDN_DOMAIN_FAILED);
                    assertThat(e.getMessage()).contains("on 1 of 1 domains: www.example.com (the call reported status 'fail')");
                });
    }

    @Test
    void a_push_given_its_inventory_lists_no_domains_and_reads_the_certificates_with_the_domains_settings() {
        cdn.onlineDomains("www.example.com", "img.example.com");
        cdn.certificates(binding("img.example.com", "other-cert", 1_900_000_000_000L));
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .willReturn(okJson(configHttpsResult("www.example.com", Map.of()))));
        CdnClient client = connect();
        TargetInventory read = client.inventory(CERT, Cdn.domains("www.example.com"), null);
        wiremock.resetRequests();

        Deployment deployment = client.push(CERT, Cdn.domains("www.example.com"), null, read);

        assertThat(deployment.remoteId()).isEqualTo(CERT.name());
        wiremock.verify(0, getRequestedFor(urlPathEqualTo(DOMAINS)));
        wiremock.verify(1, getRequestedFor(urlPathEqualTo(HTTPS_INFO)));
        wiremock.verify(1, getRequestedFor(urlPathEqualTo(CdnStubs.CONFIGS_PREFIX + "www.example.com/configs")));
        wiremock.verify(0, getRequestedFor(urlPathEqualTo(CdnStubs.CONFIGS_PREFIX + "img.example.com/configs")));
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS))
                .withRequestBody(matchingJsonPath("$.https.domain_name", equalTo("www.example.com"))));
    }

    private CdnClient connect() {
        return (CdnClient) new CdnProvider().connect(context);
    }
}
