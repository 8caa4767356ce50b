package io.scmpush.waf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.waf.WafStubs.AUTHORIZATION;
import static io.scmpush.waf.WafStubs.PROJECT;
import static io.scmpush.waf.WafStubs.REGION;
import static io.scmpush.waf.WafStubs.create;
import static io.scmpush.waf.WafStubs.created;
import static io.scmpush.waf.WafStubs.error;
import static io.scmpush.waf.WafStubs.list;
import static io.scmpush.waf.WafStubs.listPage;
import static io.scmpush.waf.WafStubs.show;
import static io.scmpush.waf.WafStubs.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.internal.WafProvider;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Binding WAF hosts against WireMock: every host update body is pinned, any other request fails the test. */
@Timeout(10)
class WafBindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Certificate CERT = TestCertificates.builder().ec()
            .domains("shop.example.com", "www.shop.example.com").build().toCertificate();
    private static final String OLD_PEM = TestCertificates.builder().ec().domains("shop.example.com").build()
            .certificatePem();
    private static final String NEW_ID = "4ba1c7e5b2d94f0c9e1a2b3c4d5e6f70";
    private static final String OLD_ID = "11111111111111111111111111111111";

    @RegisterExtension
    static final WireMockExtension WAF = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(true).build();

    private final ScmPush scm = ScmPush.builder()
            .discoverProviders(false)
            .provider(new WafProvider())
            .endpoint(URI.create(WAF.baseUrl()))
            .projectId(REGION, PROJECT)
            .credentials(Credentials.of("AK", "SK"))
            .retry(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(10)))
            .requestTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void close() {
        scm.close();
    }

    private static String hostPath(boolean premium, String id) {
        return "/v1/" + PROJECT + (premium ? "/premium-waf/host/" : "/waf/instance/") + id;
    }

    private static MappingBuilder showHost(boolean premium, String id) {
        return signed(get(urlPathEqualTo(hostPath(premium, id))));
    }

    private static MappingBuilder updateHost(boolean premium, String id, String certificateId, String name) {
        ObjectNode body = JSON.createObjectNode().put("certificateid", certificateId).put("certificatename", name);
        return signed(premium ? put(urlPathEqualTo(hostPath(premium, id))) : patch(urlPathEqualTo(hostPath(premium,
                id)))).withHeader("Content-Type", equalTo("application/json")) // as WafMeta defines UpdateHost
                .withRequestBody(equalToJson(body.toString()));
    }

    private static ResponseDefinitionBuilder host(String id, String hostname, @Nullable String certificateId,
            @Nullable String certificateName) {
        ObjectNode host = JSON.createObjectNode().put("id", id).put("hostname", hostname).put("protocol", "HTTPS");
        if (certificateId != null) {
            host.put("certificateid", certificateId).put("certificatename", certificateName);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", "req-host").withBody(host.toString());
    }

    private void certificateIsCreated() {
        WAF.stubFor(list(1, CERT.name(), null).willReturn(listPage(0)));
        WAF.stubFor(create(CERT, null).willReturn(created(NEW_ID, CERT)));
        WAF.stubFor(show(NEW_ID, null).willReturn(shown(NEW_ID, CERT.name(), CERT.certificatePem())));
        WAF.stubFor(show(OLD_ID, null).willReturn(shown(OLD_ID, "old-cert", OLD_PEM)));
    }

    @Test
    void a_cloud_host_is_patched_with_the_certificates_id_and_name() {
        certificateIsCreated();
        WAF.stubFor(showHost(false, "h1").willReturn(host("h1", "www.shop.example.com", OLD_ID, "old-cert")));
        WAF.stubFor(updateHost(false, "h1", NEW_ID, CERT.name()).willReturn(host("h1", "www.shop.example.com",
                NEW_ID, CERT.name())));

        PushResult result = scm.push(CERT).bind(Waf.host(REGION, "h1")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(NEW_ID);
            assertThat(b.previousCertificateId()).isEqualTo(OLD_ID);
        });
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void a_host_whose_name_the_certificate_does_not_cover_is_refused_and_left_alone() {
        certificateIsCreated();
        WAF.stubFor(showHost(true, "p1").willReturn(host("p1", "*.shop.example.com", null, null)));

        PushResult result = scm.push(CERT).to(Waf.inRegions(REGION)).bind(Waf.premiumHost(REGION, "p1")).execute();

        // The host serves *.shop.example.com, which the certificate's names do not cover.
        assertThat(result.bindings()).singleElement().extracting(BindingOutcome::code)
                .isEqualTo(RuleCodes.DOMAIN_NOT_COVERED);
    }

    @Test
    void a_premium_host_is_put_with_the_certificates_id_and_name() {
        certificateIsCreated();
        WAF.stubFor(showHost(true, "p1").willReturn(host("p1", "shop.example.com", null, null)));
        WAF.stubFor(updateHost(true, "p1", NEW_ID, CERT.name()).willReturn(host("p1", "shop.example.com",
                NEW_ID, CERT.name())));

        PushResult result = scm.push(CERT).bind(Waf.premiumHost(REGION, "p1")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.previousCertificateId()).isNull();
        });
    }

    @Test
    void an_update_that_fails_with_500_is_read_again_and_sent_again() {
        certificateIsCreated();
        WAF.stubFor(showHost(false, "h1").willReturn(host("h1", "shop.example.com", OLD_ID, "old-cert")));
        WAF.stubFor(updateHost(false, "h1", NEW_ID, CERT.name()).inScenario("u")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(error(500, "WAF.00010001", "internal.error"))
                .willSetStateTo("failed"));
        WAF.stubFor(updateHost(false, "h1", NEW_ID, CERT.name()).inScenario("u").whenScenarioStateIs("failed")
                .willReturn(host("h1", "shop.example.com", NEW_ID, CERT.name())));

        PushResult result = scm.push(CERT).bind(Waf.host(REGION, "h1")).execute();

        assertThat(result.bindings().get(0).status()).isEqualTo(BindingStatus.BOUND);
        WAF.verify(2, patchRequestedFor(urlPathEqualTo(hostPath(false, "h1"))));
    }

    @Test
    void a_refused_update_fails_the_binding_with_wafs_code() {
        certificateIsCreated();
        WAF.stubFor(showHost(false, "h1").willReturn(host("h1", "shop.example.com", OLD_ID, "old-cert")));
        WAF.stubFor(updateHost(false, "h1", NEW_ID, CERT.name()).willReturn(error(400, "WAF.00011001",
                "bad.request")));

        PushResult result = scm.push(CERT).bind(Waf.host(REGION, "h1")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.FAILED);
            assertThat(b.code()).isEqualTo("WAF.00011001");
        });
        assertThat(result.outcomes().get(0).remoteId()).isEqualTo(NEW_ID);
    }

    @Test
    void a_missing_host_is_resource_not_found_and_a_plan_writes_nothing() {
        WAF.stubFor(list(1, CERT.name(), null).willReturn(listPage(0)));
        WAF.stubFor(showHost(false, "gone").willReturn(error(404, "WAF.00014002", "resource.not.found")));

        PushPlan plan = scm.push(CERT).bind(Waf.host(REGION, "gone")).plan();

        assertThat(plan.bindings()).singleElement().extracting(BindingOutcome::code).isEqualTo(RuleCodes.RESOURCE_NOT_FOUND);
    }

    private static MappingBuilder signed(MappingBuilder request) {
        return request.withHeader("X-Project-Id", equalTo(PROJECT))
                .withHeader("Authorization", matching(AUTHORIZATION));
    }
}
