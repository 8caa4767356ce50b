package io.scmpush.cdn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.cdn.CdnStubs.CONFIG_HTTPS;
import static io.scmpush.cdn.CdnStubs.binding;
import static io.scmpush.cdn.CdnStubs.configHttpsBody;
import static io.scmpush.cdn.CdnStubs.configHttpsResult;
import static io.scmpush.cdn.CdnStubs.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.internal.CdnProvider;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.TestCertificates;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushing to CDN as a user does, against WireMock answering only the exact requests Huawei Cloud accepts. */
class CdnPushTest {
    @RegisterExtension
    static final WireMockExtension wiremock =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Certificate CERT =
            TestCertificates.builder().domains("example.com", "*.example.com").build().toCertificate();

    private final CdnStubs cdn = new CdnStubs(wiremock);
    private ScmPush scm;

    @BeforeEach
    void connect() {
        scm = ScmPush.builder().discoverProviders(false).provider(new CdnProvider())
                .endpoint(URI.create(wiremock.baseUrl()))
                .credentials(Credentials.of("AK", "SK").withDomainId(CdnStubs.DOMAIN_ID))
                .retry(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void close() {
        scm.close();
        assertThat(wiremock.findAllUnmatchedRequests()).as("requests of a shape CDN does not accept").isEmpty();
    }

    @Test
    void sets_the_certificate_on_every_acceleration_domain_its_names_cover() {
        cdn.onlineDomains("www.example.com", "example.com", "a.b.example.com", "www.other.org", "img.example.com");
        cdn.certificates(binding("www.other.org", "other-cert", 1_900_000_000_000L));
        wiremock.stubFor(configHttps(CERT, "www.example.com,example.com,img.example.com")
                .willReturn(okJson(configHttpsResult("www.example.com,example.com,img.example.com", Map.of()))
                        .withHeader("X-Request-Id", "7c3f0e2a9b1d4c5e")));

        PushResult result = scm.push(CERT).to(Cdn.matchingDomains()).execute();

        assertThat(result.succeeded()).isTrue();
        TargetOutcome outcome = result.outcome("cdn", null).orElseThrow();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.code()).isNull();
        assertThat(outcome.remoteId()).isEqualTo(CERT.name());
        assertThat(outcome.requestId()).isEqualTo("7c3f0e2a9b1d4c5e");
        assertThat(outcome.attempts()).isEqualTo(1);
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_certificate_from_scm_is_set_as_an_scm_certificate_with_its_id_and_content() {
        Certificate fromScm = Certificate.builder().certificatePem(CERT.certificatePem())
                .privateKeyPem(CERT.privateKeyPem().orElseThrow()).scmId("scs1554192131150").build();
        cdn.onlineDomains("www.example.com");
        cdn.certificates();
        wiremock.stubFor(configHttps(fromScm, "www.example.com")
                .willReturn(okJson(configHttpsResult("www.example.com", Map.of()))));

        PushResult result = scm.push(fromScm).to(Cdn.matchingDomains()).execute();

        assertThat(result.outcome("cdn", null).orElseThrow().status()).isEqualTo(OutcomeStatus.PUSHED);
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void sets_the_certificate_only_on_the_domains_named() {
        cdn.onlineDomains("www.example.com", "example.com", "img.example.com");
        cdn.certificates();
        wiremock.stubFor(configHttps(CERT, "img.example.com,example.com")
                .willReturn(okJson(configHttpsResult("img.example.com,example.com", Map.of()))));

        PushResult result = scm.push(CERT).to(Cdn.domains("img.example.com", "example.com")).execute();

        assertThat(result.outcome("cdn", null).orElseThrow().status()).isEqualTo(OutcomeStatus.PUSHED);
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void sets_the_certificate_on_120_domains_in_calls_of_50_50_and_20() {
        List<String> domains = IntStream.range(0, 120).mapToObj(i -> "d%03d.example.com".formatted(i)).toList();
        cdn.onlineDomains(domains.toArray(String[]::new));
        cdn.certificates();
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < 120; from += 50) {
            String batch = String.join(",", domains.subList(from, Math.min(from + 50, 120)));
            batches.add(batch);
            wiremock.stubFor(configHttps(CERT, batch).willReturn(okJson(configHttpsResult(batch, Map.of()))));
        }

        PushResult result = scm.push(CERT).to(Cdn.matchingDomains()).execute();

        TargetOutcome outcome = result.outcome("cdn", null).orElseThrow();
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(batches).extracting(batch -> batch.split(",").length).containsExactly(50, 50, 20);
        for (String batch : batches) {
            wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS))
                    .withRequestBody(equalToJson(configHttpsBody(CERT, batch))));
        }
        wiremock.verify(3, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void rejects_a_certificate_none_of_whose_names_is_an_acceleration_domain_and_writes_nothing() {
        cdn.onlineDomains("www.other.org", "a.b.example.com");
        cdn.certificates();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.DOMAIN_NOT_ONBOARDED);
        assertThat(outcome.message()).contains("none of the certificate's domains [example.com, *.example.com]");
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void rejects_a_named_domain_the_certificate_does_not_cover_and_writes_nothing() {
        cdn.onlineDomains("www.example.com", "a.b.example.com");
        cdn.certificates();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.domains("www.example.com", "a.b.example.com")).execute()
                .outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.DOMAIN_NOT_ONBOARDED);
        assertThat(outcome.message()).contains("a.b.example.com is not covered by the certificate");
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void rejects_a_push_when_a_different_certificate_holds_the_name() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(),
                CERT.notAfter().minus(30, ChronoUnit.DAYS).toEpochMilli()));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.NAME_CONFLICT);
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void rejects_a_certificate_already_set_under_its_name_with_its_expiry() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli()));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void with_skip_a_certificate_already_set_is_present_and_nothing_is_written() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli()));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT.name());
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void fails_naming_each_domain_the_service_did_not_configure_and_why() {
        cdn.onlineDomains("www.example.com", "img.example.com", "api.example.com");
        cdn.certificates();
        String all = "www.example.com,img.example.com,api.example.com";
        wiremock.stubFor(configHttps(CERT, all).willReturn(okJson(configHttpsResult(all,
                Map.of("img.example.com", "the domain is being configured", "api.example.com", "domain locked")))
                .withHeader("X-Request-Id", "a1b2c3")));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.CDN_DOMAIN_FAILED);
        assertThat(outcome.message())
                .contains("on 2 of 3 domains")
                .contains("img.example.com (the domain is being configured)")
                .contains("api.example.com (domain locked)")
                .doesNotContain("www.example.com (")
                .doesNotContain("PRIVATE KEY");
        assertThat(outcome.requestId()).isEqualTo("a1b2c3");
    }

    @Test
    void an_error_in_a_200_answer_to_the_write_fails_the_push_with_the_service_code() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates();
        wiremock.stubFor(configHttps(CERT, "www.example.com").willReturn(okJson(
                "{\"error\":{\"error_code\":\"CDN.0105\",\"error_msg\":\"The domain name does not exist.\"}}")));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("CDN.0105");
        assertThat(outcome.message()).contains("The domain name does not exist.");
    }

    @Test
    void an_error_in_a_200_answer_to_the_inventory_fails_the_target_before_anything_is_written() {
        wiremock.stubFor(CdnStubs.page(CdnStubs.DOMAINS, 1).willReturn(okJson(
                "{\"error\":{\"error_code\":\"CDN.0001\",\"error_msg\":\"Internal error.\"}}")));
        cdn.certificates();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("CDN.0001");
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void an_unavailable_service_is_asked_again_since_setting_a_certificate_twice_is_harmless() {
        cdn.onlineDomains("www.example.com");
        cdn.certificates();
        wiremock.stubFor(configHttps(CERT, "www.example.com").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        wiremock.stubFor(configHttps(CERT, "www.example.com").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(configHttpsResult("www.example.com", Map.of()))));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.attempts()).isEqualTo(2);
        wiremock.verify(2, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_push_sends_back_each_domains_origin_protocol_redirect_and_http2_grouping_equal_settings() {
        cdn.onlineDomains("www.example.com", "img.example.com", "api.example.com", "cdn.example.com");
        cdn.settings("www.example.com", "https", "https", true);
        cdn.settings("api.example.com", "https", "https", true);
        cdn.settings("cdn.example.com", "follow", "http", false);
        cdn.certificates();
        wiremock.stubFor(configHttps(CERT, "www.example.com,api.example.com", 3, "https", 1)
                .willReturn(okJson(configHttpsResult("www.example.com,api.example.com", Map.of()))));
        wiremock.stubFor(configHttps(CERT, "img.example.com", 2, "off", 0)
                .willReturn(okJson(configHttpsResult("img.example.com", Map.of()))));
        wiremock.stubFor(configHttps(CERT, "cdn.example.com", 1, "http", 0)
                .willReturn(okJson(configHttpsResult("cdn.example.com", Map.of()))));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.attempts()).isEqualTo(3);
        wiremock.verify(3, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
        for (String domain : List.of("www.example.com", "img.example.com", "api.example.com", "cdn.example.com")) {
            wiremock.verify(1, signed(getRequestedFor(urlPathEqualTo(CdnStubs.CONFIGS_PREFIX + domain + "/configs"))));
        }
    }

    @Test
    void a_domain_with_a_setting_the_write_cannot_express_is_left_alone() {
        cdn.onlineDomains("www.example.com");
        cdn.settings("www.example.com", "quic", "off", false);
        cdn.certificates();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.CDN_SETTINGS_UNREADABLE);
        assertThat(outcome.message()).contains("www.example.com").contains("origin_protocol 'quic'");
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_domain_redirecting_with_302_is_left_alone_since_the_write_cannot_send_the_code_back() {
        cdn.onlineDomains("www.example.com");
        wiremock.stubFor(signed(get(urlPathEqualTo(CdnStubs.CONFIGS_PREFIX + "www.example.com/configs")))
                .willReturn(okJson("{\"configs\":{\"origin_protocol\":\"https\",\"force_redirect\":"
                        + "{\"status\":\"on\",\"type\":\"https\",\"redirect_code\":302}}}")));
        cdn.certificates();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.CDN_SETTINGS_UNREADABLE);
        assertThat(outcome.message()).contains("code 302").contains("nothing was written");
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_push_that_reached_some_domains_is_completed_on_the_others_only() {
        cdn.onlineDomains("www.example.com", "img.example.com", "api.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli()),
                binding("img.example.com", CERT.name(), CERT.notAfter().toEpochMilli()));
        wiremock.stubFor(configHttps(CERT, "api.example.com")
                .willReturn(okJson(configHttpsResult("api.example.com", Map.of()))));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        // The write reads its domains' settings together with which domains hold the certificate, so those
        // that hold it are read too (a round trip saved on every first push); only the others are written.
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS))
                .withRequestBody(matchingJsonPath("$.https.domain_name", equalTo("api.example.com"))));
    }

    @Test
    void with_skip_a_push_that_reached_some_domains_is_completed_too() {
        cdn.onlineDomains("www.example.com", "img.example.com");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli())
                .put("certificate", CERT.certificatePem()));
        wiremock.stubFor(configHttps(CERT, "img.example.com")
                .willReturn(okJson(configHttpsResult("img.example.com", Map.of()))));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void with_skip_a_certificate_on_every_target_domain_is_present() {
        cdn.onlineDomains("www.example.com", "img.example.com", "www.other.org");
        cdn.certificates(binding("www.example.com", CERT.name(), CERT.notAfter().toEpochMilli()),
                binding("img.example.com", CERT.name(), CERT.notAfter().toEpochMilli()));

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        wiremock.verify(0, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void the_eu_site_is_asked_at_its_own_cdn_and_iam_hosts_with_the_account_id_looked_up_there() {
        String euCdn = wiremock.baseUrl() + "/eu-cdn";
        String euIam = wiremock.baseUrl() + "/eu-iam";
        wiremock.stubFor(get(urlPathEqualTo("/eu-iam/v3/auth/domains")).withHeader("X-Domain-Id", absent())
                .willReturn(okJson("{\"domains\":[{\"id\":\"" + CdnStubs.DOMAIN_ID + "\",\"name\":\"acme\"}]}")));
        wiremock.stubFor(signed(get(urlPathEqualTo("/eu-cdn" + CdnStubs.DOMAINS)))
                .withQueryParam("page_size", equalTo("10000"))
                .willReturn(okJson("{\"total\":0,\"domains\":[]}")));
        wiremock.stubFor(signed(get(urlPathEqualTo("/eu-cdn" + CdnStubs.HTTPS_INFO)))
                .willReturn(okJson("{\"total\":0,\"https\":[]}")));
        try (ScmPush eu = ScmPush.builder().discoverProviders(false).provider(new CdnProvider())
                .endpoint("cdn", "eu-west-101", URI.create(euCdn)).endpoint("iam", "eu-west-101", URI.create(euIam))
                .credentials(Credentials.of("AK", "SK"))
                .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build()) {

            PushPlan plan = eu.push(CERT).to(Cdn.matchingDomains().withOption(Cdn.SITE, Cdn.SITE_EU)).plan();

            assertThat(plan.actions()).singleElement().satisfies(action -> assertThat(action.violations())
                    .extracting(v -> v.code()).containsExactly(RuleCodes.DOMAIN_NOT_ONBOARDED));
        }

        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/eu-iam/v3/auth/domains")));
        wiremock.verify(1, signed(getRequestedFor(urlPathEqualTo("/eu-cdn" + CdnStubs.DOMAINS))));
        wiremock.verify(1, signed(getRequestedFor(urlPathEqualTo("/eu-cdn" + CdnStubs.HTTPS_INFO))));
    }

    /** The one write CDN accepts for these domains, configured as new domains are: signed, JSON, exactly this body. */
    private static MappingBuilder configHttps(Certificate certificate, String domains) {
        return configHttps(certificate, domains, 2, "off", 0);
    }

    /** The one write CDN accepts for these domains with these settings sent back: signed, JSON, exactly this body. */
    private static MappingBuilder configHttps(Certificate certificate, String domains, int accessOriginWay,
            String forceRedirect, int http2) {
        return signed(put(urlPathEqualTo(CONFIG_HTTPS)))
                .withQueryParam("enterprise_project_id", absent())
                .withRequestBody(equalToJson(configHttpsBody(certificate, domains, accessOriginWay, forceRedirect,
                        http2)));
    }
}
