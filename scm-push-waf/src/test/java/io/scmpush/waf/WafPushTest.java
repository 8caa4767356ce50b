package io.scmpush.waf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.scmpush.waf.WafStubs.PATH;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.WafStubs.Listed;
import io.scmpush.waf.internal.WafProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushing to WAF as a user does, against WireMock speaking the real WAF certificate API. */
class WafPushTest {
    private static final String CERT_ID = "4ba1c7e5b2d94f0c9e1a2b3c4d5e6f70";
    private static final String ENTERPRISE_PROJECT = "2b1e6a0c-3f4d-4e5a-9b8c-7d6e5f4a3b2c";

    @RegisterExtension
    static final WireMockExtension waf = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .failOnUnmatchedRequests(true)
            .build();

    private final Certificate certificate =
            TestCertificates.builder().domains("shop.example.com", "www.shop.example.com").build().toCertificate();
    private final List<ScmPush> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(ScmPush::close);
    }

    @Test
    void a_push_creates_the_certificate_from_its_name_chain_and_key() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).willReturn(created(CERT_ID, certificate)));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        assertThat(outcome.code()).isNull();
        assertThat(outcome.requestId()).isEqualTo("req-200");
        assertThat(outcome.attempts()).isEqualTo(1);
        waf.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("host", equalTo("false")));
        waf.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("host", equalTo("true")));
        waf.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void the_enterprise_project_option_scopes_both_the_inventory_and_the_create() {
        waf.stubFor(list(1, certificate.name(), ENTERPRISE_PROJECT).willReturn(listPage(0)));
        waf.stubFor(create(certificate, ENTERPRISE_PROJECT).willReturn(created(CERT_ID, certificate)));

        TargetOutcome outcome =
                pushTo(Waf.inRegions(REGION).withOption(Waf.ENTERPRISE_PROJECT_ID, ENTERPRISE_PROJECT));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
    }

    @Test
    void a_copy_already_in_waf_is_skipped_with_skip_and_nothing_is_written() {
        waf.stubFor(list(1, certificate.name(), null)
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION), DuplicatePolicy.SKIP);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_copy_bound_to_a_protected_domain_is_found_too_and_nothing_is_written() {
        waf.stubFor(list(1, certificate.name(), null, false).willReturn(listPage(0)));
        waf.stubFor(list(1, certificate.name(), null, true)
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION), DuplicatePolicy.SKIP);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        waf.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("host", equalTo("false")));
        waf.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("host", equalTo("true")));
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_copy_already_in_waf_rejects_the_push_by_default() {
        waf.stubFor(list(1, certificate.name(), null)
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void the_inventory_reads_every_page_up_to_the_total_and_fingerprints_only_exact_names() {
        // WAF's name filter is fuzzy: 149 look-alikes come back with ours, which is on the second page.
        List<Listed> page1 = lookAlikes(0, 100);
        List<Listed> page2 = new ArrayList<>(lookAlikes(100, 49));
        page2.add(new Listed(CERT_ID, certificate.name(), certificate.notAfter()));
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(150, page1.toArray(Listed[]::new))));
        waf.stubFor(list(2, certificate.name(), null).willReturn(listPage(150, page2.toArray(Listed[]::new))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION), DuplicatePolicy.SKIP);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        waf.verify(4, getRequestedFor(urlPathEqualTo(PATH))); // two pages each of unbound and bound
        waf.verify(1, getRequestedFor(urlPathMatching(PATH + "/.+")));
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_name_taken_by_other_content_fails_with_the_waf_code_and_says_how_to_rename() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).willReturn(error(400, "WAF.00011016", "name.duplicate")));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("WAF.00011016");
        assertThat(outcome.message()).contains("WAF in " + REGION + " already has a certificate named "
                + certificate.name() + " with different content").contains("Certificate.builder().name(");
        assertThat(outcome.requestId()).isEqualTo("req-400");
        assertThat(outcome.attempts()).isEqualTo(1);
        waf.verify(4, getRequestedFor(urlPathEqualTo(PATH))); // the inventory, then what holds the name: each unbound and bound
    }

    @Test
    void a_name_taken_by_the_same_certificate_pushed_elsewhere_is_already_present_not_a_failure() {
        // Another process stored it between this push's read and its create.
        waf.stubFor(list(1, certificate.name(), null).inScenario("race").whenScenarioStateIs(STARTED)
                .willReturn(listPage(0)).willSetStateTo("read"));
        waf.stubFor(list(1, certificate.name(), null).inScenario("race").whenScenarioStateIs("read")
                .willReturn(listPage(0))); // the inventory's second sweep, of bound certificates
        waf.stubFor(create(certificate, null).inScenario("race").whenScenarioStateIs("read")
                .willReturn(error(400, "WAF.00011016", "name.duplicate")).willSetStateTo("taken"));
        waf.stubFor(list(1, certificate.name(), null).inScenario("race").whenScenarioStateIs("taken")
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION), DuplicatePolicy.SKIP);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        waf.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_region_where_waf_is_not_purchased_is_rejected_as_service_unavailable() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(error(403, "WAF.00012005", "not.subscribe")));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.SERVICE_UNAVAILABLE);
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void refused_credentials_fail_with_auth_failed_and_write_nothing() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(
                error(401, "APIG.0301", "Incorrect IAM authentication information: verify aksk signature fail")));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        // Never retried (five failures lock the key): each of the two listings, sent together, once.
        for (String host : new String[] {"false", "true"}) {
            waf.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("host", equalTo(host)));
        }
        waf.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_throttled_create_is_retried_and_both_attempts_are_counted() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(error(429, "APIG.0308",
                        "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second"))
                .willSetStateTo("open"));
        waf.stubFor(create(certificate, null).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(created(CERT_ID, certificate)));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        assertThat(outcome.attempts()).isEqualTo(2);
        waf.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_server_error_is_resent_only_after_a_re_read_shows_nothing_was_created() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("HTTP_500");
        assertThat(outcome.attempts()).isEqualTo(3);
        waf.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
        waf.verify(8, getRequestedFor(urlPathEqualTo(PATH))); // the inventory, then a re-read before each resend, of both lists
    }

    @Test
    void a_resend_refused_as_a_duplicate_name_is_pushed_when_the_first_send_did_land() {
        waf.stubFor(list(1, certificate.name(), null).inScenario("lagging").whenScenarioStateIs(STARTED)
                .willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).inScenario("lagging").whenScenarioStateIs(STARTED)
                .willReturn(error(504, "APIG.0201", "Backend timeout")).willSetStateTo("stored, not yet listed"));
        waf.stubFor(list(1, certificate.name(), null).inScenario("lagging").whenScenarioStateIs("stored, not yet listed")
                .willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).inScenario("lagging").whenScenarioStateIs("stored, not yet listed")
                .willReturn(error(400, "WAF.00011016", "name.duplicate")).willSetStateTo("listed"));
        waf.stubFor(list(1, certificate.name(), null).inScenario("lagging").whenScenarioStateIs("listed")
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(Waf.inRegions(REGION));

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        assertThat(outcome.attempts()).isEqualTo(2);
        waf.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_create_that_timed_out_but_happened_is_pushed_once_with_the_id_waf_gave_it() {
        waf.stubFor(list(1, certificate.name(), null).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(created(CERT_ID, certificate).withFixedDelay(3_000))
                .willSetStateTo("created"));
        waf.stubFor(list(1, certificate.name(), null).inScenario("slow").whenScenarioStateIs("created")
                .willReturn(listPage(1, new Listed(CERT_ID, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(CERT_ID, null).willReturn(shown(CERT_ID, certificate.name(), certificate.certificatePem())));

        TargetOutcome outcome = pushTo(scm(Duration.ofMillis(500)), Waf.inRegions(REGION), DuplicatePolicy.FAIL);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo(CERT_ID);
        assertThat(outcome.attempts()).isEqualTo(1);
        waf.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_create_that_keeps_timing_out_without_landing_fails_with_timeout_after_the_policys_attempts() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0)));
        waf.stubFor(create(certificate, null).willReturn(created(CERT_ID, certificate).withFixedDelay(3_000)));

        TargetOutcome outcome = pushTo(scm(Duration.ofMillis(500)), Waf.inRegions(REGION), DuplicatePolicy.FAIL);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(outcome.attempts()).isEqualTo(3);
        waf.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
        waf.verify(8, getRequestedFor(urlPathEqualTo(PATH))); // 4 reads of unbound and bound certificates
    }

    private TargetOutcome pushTo(PushTarget target) {
        return pushTo(target, DuplicatePolicy.FAIL);
    }

    private TargetOutcome pushTo(PushTarget target, DuplicatePolicy duplicates) {
        return pushTo(scm(Duration.ofSeconds(5)), target, duplicates);
    }

    private TargetOutcome pushTo(ScmPush scm, PushTarget target, DuplicatePolicy duplicates) {
        List<TargetOutcome> outcomes = scm.push(certificate).to(target).onDuplicate(duplicates).execute().outcomes();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).service()).isEqualTo("waf");
        assertThat(outcomes.get(0).region()).isEqualTo(REGION);
        return outcomes.get(0);
    }

    private ScmPush scm(Duration requestTimeout) {
        ScmPush scm = ScmPush.builder()
                .discoverProviders(false)
                .provider(new WafProvider())
                .endpoint(URI.create(waf.baseUrl()))
                .projectId(REGION, PROJECT)
                .credentials(Credentials.of("AK", "SK"))
                .retry(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(10)))
                .requestTimeout(requestTimeout)
                .build();
        opened.add(scm);
        return scm;
    }

    private List<Listed> lookAlikes(int from, int count) {
        List<Listed> items = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            items.add(new Listed(String.format("%032x", i), certificate.name() + "-v" + i, certificate.notAfter()));
        }
        return items;
    }
}
