package io.scmpush.elb;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.elb.ElbApi.ACCESS_KEY;
import static io.scmpush.elb.ElbApi.OTHER_PROJECT;
import static io.scmpush.elb.ElbApi.PROJECT;
import static io.scmpush.elb.ElbApi.SECRET_KEY;
import static io.scmpush.elb.ElbApi.clientBody;
import static io.scmpush.elb.ElbApi.create;
import static io.scmpush.elb.ElbApi.created;
import static io.scmpush.elb.ElbApi.creates;
import static io.scmpush.elb.ElbApi.entryOf;
import static io.scmpush.elb.ElbApi.error;
import static io.scmpush.elb.ElbApi.firstPage;
import static io.scmpush.elb.ElbApi.lists;
import static io.scmpush.elb.ElbApi.page;
import static io.scmpush.elb.ElbApi.pageAfter;
import static io.scmpush.elb.ElbApi.serverBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.Certificate;
import io.scmpush.CertificateCodes;
import io.scmpush.ConfigurationCodes;
import io.scmpush.Credentials;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.TestCertificates;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushing to ELB as a user does, against a WireMock ELB that accepts only well-formed, signed requests. */
class ElbPushTest {
    private static final String BEIJING = "cn-north-4";
    private static final String SINGAPORE = "ap-southeast-1";
    private static final Certificate CERT = TestCertificates.builder()
            .domains("shop.example.com", "www.shop.example.com").build().toCertificate();
    private static final String DOMAIN = "shop.example.com,www.shop.example.com";

    @RegisterExtension
    static final WireMockExtension ELB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(true).build();

    private ScmPush scm = scmPush(Duration.ofSeconds(5));

    private static ScmPush scmPush(Duration requestTimeout) {
        return ScmPush.builder()
                .discoverProviders(false)
                .provider(new ElbProvider())
                .endpoint(URI.create(ELB.baseUrl()))
                .projectId(BEIJING, PROJECT)
                .projectId(SINGAPORE, OTHER_PROJECT)
                .credentials(Credentials.of(ACCESS_KEY, SECRET_KEY))
                .retry(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestTimeout(requestTimeout)
                .build();
    }

    @AfterEach
    void close() {
        scm.close();
    }

    @Test
    void a_push_uploads_the_certificate_to_each_region_under_that_regions_project() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(firstPage(OTHER_PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN)).willReturn(created("id-bj", CERT.name(), "req-bj")));
        ELB.stubFor(create(OTHER_PROJECT, serverBody(CERT, DOMAIN)).willReturn(created("id-sg", CERT.name(), "req-sg")));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING, SINGAPORE)).execute();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::remoteId, TargetOutcome::requestId,
                        TargetOutcome::attempts, TargetOutcome::code)
                .containsExactly(OutcomeStatus.PUSHED, "id-bj", "req-bj", 1, null);
        assertThat(result.outcome("elb", SINGAPORE)).get()
                .extracting(TargetOutcome::status, TargetOutcome::remoteId)
                .containsExactly(OutcomeStatus.PUSHED, "id-sg");
    }

    @Test
    void a_ca_certificate_is_pushed_as_type_client_without_a_private_key() {
        Certificate ca = Certificate.builder().certificatePem(TestCertificates.builder().build().caCertificatePem())
                .build();
        ELB.stubFor(firstPage(PROJECT, ca.name(), "client").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, clientBody(ca)).willReturn(created("id-ca", ca.name(), "req-ca")));

        PushResult result = scm.push(ca).to(Elb.caCertificateInRegions(BEIJING)).execute();

        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::remoteId)
                .containsExactly(OutcomeStatus.PUSHED, "id-ca");
    }

    @Test
    void a_server_certificate_without_its_key_is_rejected_before_anything_is_sent() {
        Certificate withoutKey = Certificate.builder().certificatePem(CERT.certificatePem()).build();
        ELB.stubFor(firstPage(PROJECT, withoutKey.name(), "server").willReturn(page(null)));

        PushResult result = scm.push(withoutKey).to(Elb.inRegions(BEIJING)).execute();

        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::code)
                .containsExactly(OutcomeStatus.REJECTED, RuleCodes.PRIVATE_KEY_REQUIRED);
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void an_enterprise_project_scopes_the_list_and_goes_into_the_create_body() {
        String project = "b2e5c1d4-8f3a-4e6b-9c7d-0a1b2c3d4e5f";
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server", project).willReturn(page(null)));
        ObjectNode body = (ObjectNode) Json.read(serverBody(CERT, DOMAIN), "body");
        ((ObjectNode) body.get("certificate")).put("enterprise_project_id", project);
        ELB.stubFor(create(PROJECT, Json.write(body)).willReturn(created("id-ep", CERT.name(), "req-ep")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING).withOption(Elb.ENTERPRISE_PROJECT_ID, project))
                .execute().outcome("elb", BEIJING).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo("id-ep");
    }

    @Test
    void a_chain_longer_than_elb_takes_is_never_sent() {
        String[] names = java.util.stream.IntStream.range(0, 1200)
                .mapToObj(i -> "host-with-a-long-name-" + i + ".shop.example.com").toArray(String[]::new);
        Certificate huge = TestCertificates.builder().ec().domains(names).build().toCertificate();
        assertThat(huge.certificatePem().length()).isGreaterThan(65_536);
        ELB.stubFor(firstPage(PROJECT, huge.name(), "server").willReturn(page(null)));

        TargetOutcome outcome = scm.push(huge).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(CertificateCodes.INPUT_TOO_LARGE);
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void a_404_of_elb_itself_fails_the_target_and_is_not_taken_for_a_disabled_service() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(error(404, "ELB.8902",
                "Project 0605767fc1d24c2c8bd5bbd4f2b7b7aa could not be found.", "req-404")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("ELB.8902");
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void a_blank_enterprise_project_is_refused_before_any_call() {
        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING).withOption(Elb.ENTERPRISE_PROJECT_ID, " "))
                .execute().outcome("elb", BEIJING).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT);
        assertThat(outcome.message()).contains("enterprise-project-id is blank");
        ELB.verify(0, lists(PROJECT));
    }

    @Test
    void a_second_push_with_skip_writes_nothing() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server")
                .willReturn(page(null, entryOf("id-existing", CERT, "server"))));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING)).onDuplicate(DuplicatePolicy.SKIP).execute();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::code)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT, RuleCodes.ALREADY_PUSHED);
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void the_same_certificate_on_a_later_page_is_found_and_not_uploaded_again() {
        Certificate older = TestCertificates.builder().domains("shop.example.com").build().toCertificate();
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page("m-1", entryOf("id-1", older, "server"))));
        ELB.stubFor(pageAfter("m-1", PROJECT, CERT.name(), "server").willReturn(page(null, entryOf("id-2", CERT, "server"))));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute();

        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::code)
                .containsExactly(OutcomeStatus.REJECTED, RuleCodes.ALREADY_PUSHED);
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void a_create_that_times_out_after_elb_stored_it_is_pushed_once_with_its_id() {
        scm.close();
        scm = scmPush(Duration.ofMillis(400));
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server")
                .inScenario("slow").whenScenarioStateIs(Scenario.STARTED).willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN))
                .inScenario("slow").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("stored")
                .willReturn(created("id-slow", CERT.name(), "req-slow").withFixedDelay(3_000)));
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server")
                .inScenario("slow").whenScenarioStateIs("stored")
                .willReturn(page(null, entryOf("id-slow", CERT, "server"))));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute();

        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::remoteId, TargetOutcome::attempts)
                .containsExactly(OutcomeStatus.PUSHED, "id-slow", 1);
        ELB.verify(1, creates(PROJECT));
    }

    @Test
    void a_certificate_elb_cannot_read_fails_with_a_message_that_says_so() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN))
                .willReturn(error(400, "ELB.1011", "Private_key or certificate content is not valid.", "req-1011")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING)
                .orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo("ELB.1011");
        assertThat(outcome.requestId()).isEqualTo("req-1011");
        assertThat(outcome.message()).contains("certificate and private key do not match or are invalid")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void one_region_refusing_the_upload_does_not_hide_the_other_regions_success() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(firstPage(OTHER_PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN))
                .willReturn(error(400, "ELB.1001", "Invalid input for field/attribute domain.", "req-1001")));
        ELB.stubFor(create(OTHER_PROJECT, serverBody(CERT, DOMAIN)).willReturn(created("id-sg", CERT.name(), "req-sg")));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING, SINGAPORE)).execute();

        assertThat(result.outcome("elb", BEIJING)).get()
                .extracting(TargetOutcome::status, TargetOutcome::code)
                .containsExactly(OutcomeStatus.FAILED, "ELB.1001");
        assertThat(result.outcome("elb", SINGAPORE)).get()
                .extracting(TargetOutcome::status, TargetOutcome::remoteId)
                .containsExactly(OutcomeStatus.PUSHED, "id-sg");
    }

    @Test
    void credentials_elb_does_not_accept_fail_with_auth_failed() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(error(401, "APIG.0301",
                "Incorrect IAM authentication information: verify aksk signature fail", "req-401")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING)
                .orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void a_throttled_upload_is_retried_and_reports_both_attempts() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(error(429, "APIG.0308", "The throttling threshold has been reached: policy user over "
                        + "ratelimit,limit:10,time:1 second", "req-429")));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN))
                .inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(created("id-2nd", CERT.name(), "req-2nd")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING)
                .orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(outcome.remoteId()).isEqualTo("id-2nd");
        assertThat(outcome.attempts()).isEqualTo(2);
    }

    @Test
    void a_region_that_does_not_serve_elb_v3_is_rejected_as_service_unavailable() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(error(404, "APIG.0101",
                "The API does not exist or has not been published in the environment", "req-404")));

        TargetOutcome outcome = scm.push(CERT).to(Elb.inRegions(BEIJING)).execute().outcome("elb", BEIJING)
                .orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.SERVICE_UNAVAILABLE);
        ELB.verify(0, creates(PROJECT));
    }
}
