package io.scmpush.elb.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.elb.ElbApi.ACCESS_KEY;
import static io.scmpush.elb.ElbApi.PROJECT;
import static io.scmpush.elb.ElbApi.SECRET_KEY;
import static io.scmpush.elb.ElbApi.clientBody;
import static io.scmpush.elb.ElbApi.create;
import static io.scmpush.elb.ElbApi.created;
import static io.scmpush.elb.ElbApi.creates;
import static io.scmpush.elb.ElbApi.entry;
import static io.scmpush.elb.ElbApi.entryOf;
import static io.scmpush.elb.ElbApi.error;
import static io.scmpush.elb.ElbApi.expireTimeOf;
import static io.scmpush.elb.ElbApi.firstPage;
import static io.scmpush.elb.ElbApi.lists;
import static io.scmpush.elb.ElbApi.page;
import static io.scmpush.elb.ElbApi.pageAfter;
import static io.scmpush.elb.ElbApi.serverBody;
import static io.scmpush.elb.ElbApi.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.InvalidCertificateException;
import io.scmpush.OutcomeCodes;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.elb.Elb;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ELB client against the real signed transport and a WireMock ELB that accepts only well-formed requests. */
class ElbTargetClientTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate SERVER = TestCertificates.builder()
            .domains("www.example.com", "*.api.example.com").build().toCertificate();
    private static final Certificate CA = Certificate.builder()
            .certificatePem(TestCertificates.builder().build().caCertificatePem()).build();
    private static final Certificate OTHER = TestCertificates.builder().domains("other.example.com").build()
            .toCertificate();

    @RegisterExtension
    static final WireMockExtension ELB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(true).build();

    private TargetClient client;

    @BeforeEach
    void connect() {
        client = clientWith(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(2)), Duration.ofSeconds(5));
    }

    private static TargetClient clientWith(RetryPolicy retry, Duration requestTimeout) {
        return new ElbProvider().connect(TestProviderContext.builder(URI.create(ELB.baseUrl()))
                .credentials(Credentials.of(ACCESS_KEY, SECRET_KEY)).projectId(REGION, PROJECT)
                .retry(retry).requestTimeout(requestTimeout).build());
    }

    @Test
    void the_inventory_lists_server_certificates_by_name_and_fingerprints_their_pem() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server").willReturn(page(null,
                entryOf("8a2f0c1e9b7d4a3c8e1f2a3b4c5d6e7f", SERVER, "server"),
                entryOf("1b2c3d4e5f60718293a4b5c6d7e8f901", OTHER, "server"))));

        TargetInventory inventory = client.inventory(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(inventory.serviceAvailable()).isTrue();
        assertThat(inventory.domains()).isEmpty();
        assertThat(inventory.certificates()).containsExactly(
                new RemoteCertificate("8a2f0c1e9b7d4a3c8e1f2a3b4c5d6e7f", SERVER.name(), SERVER.fingerprint(),
                        expireTimeOf(SERVER)),
                new RemoteCertificate("1b2c3d4e5f60718293a4b5c6d7e8f901", OTHER.name(), OTHER.fingerprint(),
                        expireTimeOf(OTHER)));
    }

    @Test
    void the_inventory_of_a_ca_target_lists_client_certificates() {
        ELB.stubFor(firstPage(PROJECT, CA.name(), "client").willReturn(page(null,
                entryOf("c0ffee00c0ffee00c0ffee00c0ffee00", CA, "client"))));

        TargetInventory inventory = client.inventory(CA, Elb.caCertificateInRegions(REGION), REGION);

        assertThat(inventory.certificates()).extracting(RemoteCertificate::id, RemoteCertificate::fingerprint)
                .containsExactly(tuple("c0ffee00c0ffee00c0ffee00c0ffee00",
                        CA.fingerprint()));
    }

    @Test
    void the_inventory_follows_next_marker_until_a_page_has_none() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .willReturn(page("m-1", entry("id-1", SERVER.name(), OTHER.certificatePem(), OTHER.notAfter(), "server"))));
        ELB.stubFor(pageAfter("m-1", PROJECT, SERVER.name(), "server")
                .willReturn(page("m-2", entry("id-2", SERVER.name(), OTHER.certificatePem(), OTHER.notAfter(), "server"))));
        ELB.stubFor(pageAfter("m-2", PROJECT, SERVER.name(), "server")
                .willReturn(page(null, entryOf("id-3", SERVER, "server"))));

        TargetInventory inventory = client.inventory(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(inventory.certificates()).extracting(RemoteCertificate::id).containsExactly("id-1", "id-2", "id-3");
        assertThat(inventory.certificates().get(2).fingerprint()).isEqualTo(SERVER.fingerprint());
        ELB.verify(3, lists(PROJECT));
    }

    @Test
    void an_empty_page_ends_the_inventory_even_when_it_carries_a_marker() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .willReturn(page("m-1", entryOf("id-1", SERVER, "server"))));
        ELB.stubFor(pageAfter("m-1", PROJECT, SERVER.name(), "server").willReturn(page("m-2")));

        assertThat(client.inventory(SERVER, Elb.inRegions(REGION), REGION).certificates())
                .extracting(RemoteCertificate::id).containsExactly("id-1");
        ELB.verify(2, lists(PROJECT));
    }

    @Test
    void a_marker_that_comes_back_twice_fails_the_inventory_instead_of_looping() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .willReturn(page("m-1", entryOf("id-1", SERVER, "server"))));
        ELB.stubFor(pageAfter("m-1", PROJECT, SERVER.name(), "server")
                .willReturn(page("m-1", entryOf("id-2", OTHER, "server"))));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.inventory(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo(OutcomeCodes.PAGINATION_LOOP);
        assertThat(e.getMessage()).contains("ELB list certificates in " + REGION)
                .contains("gave a next-page marker an earlier page gave");
        ELB.verify(2, lists(PROJECT));
    }

    @Test
    void a_certificate_whose_body_or_expiry_cannot_be_read_is_listed_without_them() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server").willReturn(page(null,
                entry("id-1", SERVER.name(), "not a PEM", SERVER.notAfter(), "server").put("expire_time", "soon"))));

        assertThat(client.inventory(SERVER, Elb.inRegions(REGION), REGION).certificates())
                .containsExactly(new RemoteCertificate("id-1", SERVER.name(), null, null));
    }

    @Test
    void a_404_for_the_list_means_elb_is_not_available_in_that_region() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .willReturn(error(404, "APIG.0101", "The API does not exist or has not been published in the "
                        + "environment", "req-404")));

        assertThat(client.inventory(SERVER, Elb.inRegions(REGION), REGION)).isEqualTo(TargetInventory.unavailable());
    }

    @Test
    void a_403_for_the_list_is_an_authentication_failure_not_an_unavailable_service() {
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_msg\":\"Policy doesn't allow elb:certificates:list to be performed.\","
                                + "\"request_id\":\"req-403\"}")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.inventory(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        assertThat(e.httpStatus()).isEqualTo(403);
    }

    @Test
    void a_push_uploads_the_chain_key_and_domains_as_a_server_certificate() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(created("3f1c2b4a5d6e7f8091a2b3c4d5e6f708", SERVER.name(), "req-create")));

        Deployment deployment = client.push(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(deployment).isEqualTo(
                new Deployment("3f1c2b4a5d6e7f8091a2b3c4d5e6f708", SERVER.name(), "req-create", 1));
    }

    @Test
    void a_push_accepts_200_as_well_as_201() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(created("id-200", SERVER.name(), "req-200").withStatus(200)));

        assertThat(client.push(SERVER, Elb.inRegions(REGION), REGION).remoteId()).isEqualTo("id-200");
    }

    @Test
    void a_ca_push_uploads_the_certificate_as_type_client_without_key_or_domain() {
        ELB.stubFor(create(PROJECT, clientBody(CA)).willReturn(created("id-ca", CA.name(), "req-ca")));

        Deployment deployment = client.push(CA, Elb.caCertificateInRegions(REGION), REGION);

        assertThat(deployment).isEqualTo(new Deployment("id-ca", CA.name(), "req-ca", 1));
    }

    @Test
    void a_created_answer_without_an_id_that_the_list_does_not_confirm_is_a_malformed_response_sent_once() {
        ELB.stubFor(create(PROJECT, clientBody(CA)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"request_id\":\"req-x\"}")));
        ELB.stubFor(firstPage(PROJECT, CA.name(), "client").willReturn(page(null)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.push(CA, Elb.caCertificateInRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
        assertThat(e.requestId()).isEqualTo("req-x");
        assertThat(e.attempts()).isEqualTo(1);
        ELB.verify(1, creates(PROJECT));
        ELB.verify(1, lists(PROJECT));
    }

    @Test
    void a_created_answer_without_an_id_is_confirmed_by_the_list_and_not_sent_again() {
        ELB.stubFor(create(PROJECT, clientBody(CA)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"request_id\":\"req-x\"}")));
        ELB.stubFor(firstPage(PROJECT, CA.name(), "client").willReturn(page(null, entryOf("id-ca", CA, "client"))));

        Deployment d = client.push(CA, Elb.caCertificateInRegions(REGION), REGION);

        assertThat(d.remoteId()).isEqualTo("id-ca");
        assertThat(d.attempts()).isEqualTo(1);
        ELB.verify(1, creates(PROJECT));
    }

    @Test
    void elb_1011_says_the_certificate_and_key_do_not_match_or_are_invalid() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(error(400, "ELB.1011", "Private_key or certificate content is not valid.", "req-1011")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.push(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo("ELB.1011");
        assertThat(e.getMessage()).contains("certificate and private key do not match or are invalid")
                .contains("Private_key or certificate content is not valid.")
                .doesNotContain(SERVER.privateKeyPem().orElseThrow());
        assertThat(e.requestId()).isEqualTo("req-1011");
        ELB.verify(0, lists(PROJECT));
    }

    @Test
    void elb_1001_invalid_parameters_fail_with_the_service_code_and_no_reread() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(error(400, "ELB.1001", "Invalid input for field/attribute domain.", "req-1001")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.push(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo("ELB.1001");
        assertThat(e.httpStatus()).isEqualTo(400);
        ELB.verify(1, creates(PROJECT));
        ELB.verify(0, lists(PROJECT));
    }

    @Test
    void a_rejected_signature_is_auth_failed_and_never_retried() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(error(401, "APIG.0301", "Incorrect IAM authentication information: verify aksk "
                        + "signature fail", "req-401")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.push(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        assertThat(e.errorCode()).isEqualTo("APIG.0301");
        ELB.verify(1, creates(PROJECT));
    }

    @Test
    void a_throttled_create_is_retried_and_reports_both_attempts() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(error(429, "APIG.0308", "The throttling threshold has been reached: policy user over "
                        + "ratelimit,limit:10,time:1 second", "req-429")));
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(created("id-after-429", SERVER.name(), "req-ok")));

        Deployment deployment = client.push(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(deployment).isEqualTo(new Deployment("id-after-429", SERVER.name(), "req-ok", 2));
    }

    @Test
    void after_a_500_the_create_is_resent_only_because_the_inventory_shows_it_was_not_stored() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(serverError(500, "req-500")));
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(created("id-2nd", SERVER.name(), "req-2nd")));

        Deployment deployment = client.push(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(deployment).isEqualTo(new Deployment("id-2nd", SERVER.name(), "req-2nd", 2));
        ELB.verify(2, creates(PROJECT));
        ELB.verify(1, lists(PROJECT));
    }

    @Test
    void a_create_that_keeps_failing_with_500_gives_up_when_the_attempts_are_spent() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(serverError(500, "req-500")));
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server").willReturn(page(null)));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> client.push(SERVER, Elb.inRegions(REGION), REGION));

        assertThat(e.code()).isEqualTo("HTTP_500");
        assertThat(e.requestId()).isEqualTo("req-500");
        assertThat(e.attempts()).isEqualTo(3);
        ELB.verify(3, creates(PROJECT));
        ELB.verify(3, lists(PROJECT));
    }

    @Test
    void a_502_after_which_the_certificate_is_there_is_a_success_with_its_id() {
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .willReturn(error(502, "APIG.0202", "Backend unavailable", "req-502")));
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server").willReturn(page(null,
                entryOf("id-other", OTHER, "server"), entryOf("id-ours", SERVER, "server"))));

        Deployment deployment = client.push(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(deployment.remoteId()).isEqualTo("id-ours");
        assertThat(deployment.attempts()).isEqualTo(1);
        ELB.verify(1, creates(PROJECT));
    }

    @Test
    void a_create_that_times_out_but_went_through_is_a_success_and_is_never_sent_twice() {
        TargetClient impatient = clientWith(RetryPolicy.defaults(), Duration.ofMillis(300));
        ELB.stubFor(create(PROJECT, serverBody(SERVER, "www.example.com,*.api.example.com"))
                .inScenario("slow create").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("created")
                .willReturn(created("id-slow", SERVER.name(), "req-slow").withFixedDelay(3_000)));
        ELB.stubFor(firstPage(PROJECT, SERVER.name(), "server")
                .inScenario("slow create").whenScenarioStateIs("created")
                .willReturn(page(null, entryOf("id-slow", SERVER, "server"))));

        Deployment deployment = impatient.push(SERVER, Elb.inRegions(REGION), REGION);

        assertThat(deployment.remoteId()).isEqualTo("id-slow");
        assertThat(deployment.remoteName()).isEqualTo(SERVER.name());
        assertThat(deployment.attempts()).isEqualTo(1);
        ELB.verify(1, creates(PROJECT));
    }

    @Test
    void a_server_certificate_without_its_key_is_refused_before_anything_is_sent() {
        Certificate withoutKey = Certificate.builder().certificatePem(SERVER.certificatePem()).build();

        assertThatThrownBy(() -> client.push(withoutKey, Elb.inRegions(REGION), REGION))
                .isInstanceOfSatisfying(InvalidCertificateException.class,
                        e -> assertThat(e.code()).isEqualTo(RuleCodes.PRIVATE_KEY_REQUIRED))
                .hasMessageContaining("private key").hasMessageContaining("Elb.caCertificateInRegions");
        ELB.verify(0, creates(PROJECT));
    }

    @Test
    void a_call_without_a_region_is_a_programming_error() {
        PushTarget noRegion = PushTarget.of(Elb.SERVICE);

        assertThatThrownBy(() -> client.inventory(SERVER, noRegion, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regional");
        assertThatThrownBy(() -> client.push(SERVER, noRegion, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_descriptor_says_what_elb_is() {
        assertThat(new ElbProvider().descriptor()).isEqualTo(ProviderDescriptor.builder("elb", Scope.REGIONAL)
                .displayName("Huawei Cloud ELB").maxRegions(10).build());
    }
}
