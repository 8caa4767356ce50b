package io.scmpush.elb;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.elb.ElbApi.ACCESS_KEY;
import static io.scmpush.elb.ElbApi.PROJECT;
import static io.scmpush.elb.ElbApi.SECRET_KEY;
import static io.scmpush.elb.ElbApi.clientBody;
import static io.scmpush.elb.ElbApi.create;
import static io.scmpush.elb.ElbApi.created;
import static io.scmpush.elb.ElbApi.entry;
import static io.scmpush.elb.ElbApi.entryOf;
import static io.scmpush.elb.ElbApi.error;
import static io.scmpush.elb.ElbApi.firstPage;
import static io.scmpush.elb.ElbApi.page;
import static io.scmpush.elb.ElbApi.serverBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.TestCertificates;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binding ELB listeners against a WireMock ELB: every UpdateListener body is pinned, and any request not
 * stubbed fails the test.
 */
@Timeout(10)
class ElbBindingTest {
    private static final String BEIJING = "cn-north-4";
    private static final Certificate CERT = TestCertificates.builder().ec()
            .domains("shop.example.com", "www.shop.example.com").build().toCertificate();
    private static final String DOMAIN = "shop.example.com,www.shop.example.com";
    private static final String NEW_ID = "c0ffee00000000000000000000000001";
    private static final String OTHER_PEM =
            TestCertificates.builder().ec().domains("other.example.com").build().certificatePem();

    @RegisterExtension
    static final WireMockExtension ELB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(true).build();

    private final ScmPush scm = ScmPush.builder()
            .discoverProviders(false)
            .provider(new ElbProvider())
            .endpoint(URI.create(ELB.baseUrl()))
            .projectId(BEIJING, PROJECT)
            .credentials(Credentials.of(ACCESS_KEY, SECRET_KEY))
            .retry(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .requestTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void close() {
        scm.close();
    }

    private static String listenerPath(String id) {
        return "/v3/" + PROJECT + "/elb/listeners/" + id;
    }

    private static MappingBuilder showListener(String id) {
        return signed(get(urlEqualTo(listenerPath(id))));
    }

    /** {@code PUT /v3/{project}/elb/listeners/{id}} with exactly this body. */
    private static MappingBuilder updateListener(String id, String json) {
        return signed(put(urlEqualTo(listenerPath(id))))
                .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
                .withRequestBody(equalToJson(json));
    }

    /** {@code GET /v3/{project}/elb/certificates?limit=n&id=...}: the certificates a listener references. */
    private static MappingBuilder certificatesById(String... ids) {
        return signed(get(urlPathEqualTo("/v3/" + PROJECT + "/elb/certificates")))
                .withQueryParam("limit", equalTo(Integer.toString(ids.length)))
                .withQueryParam("id", WireMock.havingExactly(ids));
    }

    private static ResponseDefinitionBuilder listener(String id, String protocol, @Nullable String defaultRef,
            @Nullable String clientCaRef, String... sni) {
        ObjectNode listener = Json.object().put("id", id).put("name", "web").put("protocol", protocol)
                .put("protocol_port", 443).put("sni_match_algo", "wildcard");
        if (defaultRef == null) {
            listener.putNull("default_tls_container_ref");
        } else {
            listener.put("default_tls_container_ref", defaultRef);
        }
        if (clientCaRef == null) {
            listener.putNull("client_ca_tls_container_ref");
        } else {
            listener.put("client_ca_tls_container_ref", clientCaRef);
        }
        ArrayNode refs = listener.putArray("sni_container_refs");
        for (String ref : sni) {
            refs.add(ref);
        }
        ObjectNode body = Json.object().put("request_id", "show-" + id);
        body.set("listener", listener);
        return WireMock.aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Json.write(body));
    }

    private static ResponseDefinitionBuilder updated(String requestId) {
        return WireMock.aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"request_id\":\"" + requestId + "\",\"listener\":{}}");
    }

    /** Another certificate's list entry: its body is one EC certificate for all, only its domain field differs. */
    private static ObjectNode other(String id, String domain) {
        return entry(id, "other-" + id, OTHER_PEM, Instant.parse("2027-01-01T00:00:00Z"), "server")
                .put("domain", domain);
    }

    private void newCertificateIsCreated() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, serverBody(CERT, DOMAIN)).willReturn(created(NEW_ID, CERT.name(), "req-create")));
    }

    @Test
    void a_default_binding_reads_the_listener_and_sends_only_its_default_certificate() {
        newCertificateIsCreated();
        ELB.stubFor(showListener("L1").willReturn(listener("L1", "HTTPS", "old", null, "s1")));
        ELB.stubFor(certificatesById("old", "s1").willReturn(page(null, other("old", "shop.example.com"),
                other("s1", "img.example.com"))));
        ELB.stubFor(updateListener("L1", "{\"listener\":{\"default_tls_container_ref\":\"" + NEW_ID + "\"}}")
                .willReturn(updated("req-update")));

        PushResult result = scm.push(CERT).to(Elb.inRegions(BEIJING)).bind(Elb.listener(BEIJING, "L1")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(NEW_ID);
            assertThat(b.previousCertificateId()).isEqualTo("old");
            assertThat(b.requestId()).isEqualTo("req-update");
        });
        assertThat(result.succeeded()).isTrue();
        ELB.verify(1, putRequestedFor(urlEqualTo(listenerPath("L1"))));
    }

    @Test
    void an_sni_binding_appends_to_the_list_keeping_every_other_entry_in_order() {
        newCertificateIsCreated();
        ELB.stubFor(showListener("L2").willReturn(listener("L2", "HTTPS", "d", null, "s1", "s2")));
        ELB.stubFor(certificatesById("d", "s1", "s2").willReturn(page(null, other("d", "a.example.com"),
                other("s1", "b.example.com"), other("s2", "c.example.com"))));
        ELB.stubFor(updateListener("L2", "{\"listener\":{\"sni_container_refs\":[\"s1\",\"s2\",\"" + NEW_ID
                + "\"]}}").willReturn(updated("req-sni")));

        PushResult result = scm.push(CERT).bind(Elb.sniListener(BEIJING, "L2")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.previousCertificateId()).isNull();
        });
    }

    @Test
    void a_client_ca_binding_pushes_a_ca_certificate_and_sets_the_client_ca_reference() {
        Certificate ca = Certificate.builder()
                .certificatePem(TestCertificates.builder().ec().domains("ca.example.com").build().caCertificatePem())
                .build();
        ELB.stubFor(firstPage(PROJECT, ca.name(), "client").willReturn(page(null)));
        ELB.stubFor(create(PROJECT, clientBody(ca)).willReturn(created(NEW_ID, ca.name(), "req-create")));
        ELB.stubFor(showListener("L3").willReturn(listener("L3", "TERMINATED_HTTPS", "d", null)));
        ELB.stubFor(certificatesById("d").willReturn(page(null, other("d", "a.example.com"))));
        ELB.stubFor(updateListener("L3", "{\"listener\":{\"client_ca_tls_container_ref\":\"" + NEW_ID + "\"}}")
                .willReturn(updated("req-ca")));

        PushResult result = scm.push(ca).bind(Elb.clientCaListener(BEIJING, "L3")).execute();

        assertThat(result.outcome("elb", BEIJING)).get().extracting(o -> o.remoteId()).isEqualTo(NEW_ID);
        assertThat(result.bindings()).singleElement().extracting(BindingOutcome::status)
                .isEqualTo(BindingStatus.BOUND);
    }

    @Test
    void a_terminated_https_listener_takes_a_default_certificate_as_https_does() {
        newCertificateIsCreated();
        ELB.stubFor(showListener("L4").willReturn(listener("L4", "TERMINATED_HTTPS", "d", null)));
        ELB.stubFor(certificatesById("d").willReturn(page(null, other("d", "a.example.com"))));
        ELB.stubFor(updateListener("L4", "{\"listener\":{\"default_tls_container_ref\":\"" + NEW_ID + "\"}}")
                .willReturn(updated("req-update")));

        assertThat(scm.push(CERT).bind(Elb.listener(BEIJING, "L4")).execute().bindings().get(0).status())
                .isEqualTo(BindingStatus.BOUND);
    }

    @Test
    void an_update_that_fails_with_500_is_read_again_and_sent_again() {
        newCertificateIsCreated();
        ELB.stubFor(showListener("L1").willReturn(listener("L1", "HTTPS", "old", null)));
        ELB.stubFor(certificatesById("old").willReturn(page(null, other("old", "shop.example.com"))));
        String body = "{\"listener\":{\"default_tls_container_ref\":\"" + NEW_ID + "\"}}";
        ELB.stubFor(updateListener("L1", body).inScenario("update").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500, "ELB.0001", "Internal server error.", "req-500")).willSetStateTo("failed"));
        ELB.stubFor(updateListener("L1", body).inScenario("update").whenScenarioStateIs("failed")
                .willReturn(updated("req-ok")));

        PushResult result = scm.push(CERT).bind(Elb.listener(BEIJING, "L1")).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.previousCertificateId()).isEqualTo("old");
            assertThat(b.requestId()).isEqualTo("req-ok");
        });
        ELB.verify(2, putRequestedFor(urlEqualTo(listenerPath("L1"))));
    }

    @Test
    void a_refused_update_fails_that_binding_with_elbs_code_and_the_other_binding_is_done() {
        newCertificateIsCreated();
        ELB.stubFor(showListener("L1").willReturn(listener("L1", "HTTPS", "old", null)));
        ELB.stubFor(showListener("L2").willReturn(listener("L2", "HTTPS", "old", null)));
        ELB.stubFor(certificatesById("old").willReturn(page(null, other("old", "shop.example.com"))));
        String body = "{\"listener\":{\"default_tls_container_ref\":\"" + NEW_ID + "\"}}";
        ELB.stubFor(updateListener("L1", body).willReturn(error(409, "ELB.8907", "Listener is in use.", "req-409")));
        ELB.stubFor(updateListener("L2", body).willReturn(updated("req-ok")));

        PushResult result = scm.push(CERT).bind(Elb.listener(BEIJING, "L1")).bind(Elb.listener(BEIJING, "L2"))
                .execute();

        assertThat(result.bindings()).extracting(BindingOutcome::status)
                .containsExactly(BindingStatus.FAILED, BindingStatus.BOUND);
        assertThat(result.bindings().get(0).code()).isEqualTo("ELB.8907");
        assertThat(result.bindings().get(0).requestId()).isEqualTo("req-409");
        assertThat(result.succeeded()).isFalse();
        ELB.verify(1, putRequestedFor(urlEqualTo(listenerPath("L1"))));
    }

    @Test
    void a_binding_to_a_listener_that_serves_the_certificate_already_writes_nothing() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null, entryOf(NEW_ID, CERT, "server"))));
        ELB.stubFor(showListener("L1").willReturn(listener("L1", "HTTPS", NEW_ID, null)));
        ELB.stubFor(certificatesById(NEW_ID).willReturn(page(null, entryOf(NEW_ID, CERT, "server"))));

        PushResult result = scm.push(CERT).onDuplicate(DuplicatePolicy.SKIP).bind(Elb.listener(BEIJING, "L1"))
                .execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.ALREADY_BOUND);
            assertThat(b.certificateId()).isEqualTo(NEW_ID);
        });
        assertThat(result.succeeded()).isTrue();
        ELB.verify(0, putRequestedFor(urlPathEqualTo(listenerPath("L1"))));
    }

    @Test
    void a_tcp_listener_and_a_missing_listener_are_refused_before_anything_is_written() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(showListener("tcp").willReturn(listener("tcp", "TCP", null, null)));
        ELB.stubFor(showListener("gone").willReturn(error(404, "ELB.8902", "Listener could not be found.", "r")));

        PushPlan plan = scm.push(CERT).bind(Elb.listener(BEIJING, "tcp")).bind(Elb.sniListener(BEIJING, "gone"))
                .plan();

        assertThat(plan.bindings()).extracting(BindingOutcome::code)
                .containsExactly(RuleCodes.BINDING_UNSUPPORTED, RuleCodes.RESOURCE_NOT_FOUND);
        assertThat(plan.allowed()).isFalse();
        ELB.verify(0, postRequestedFor(urlPathEqualTo("/v3/" + PROJECT + "/elb/certificates")));
    }

    @Test
    void an_sni_binding_is_refused_when_another_entry_serves_one_of_its_domains() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "server").willReturn(page(null)));
        ELB.stubFor(showListener("L2").willReturn(listener("L2", "HTTPS", "d", null, "s1")));
        ELB.stubFor(certificatesById("d", "s1").willReturn(page(null, other("d", "a.example.com"),
                other("s1", "www.shop.example.com"))));

        PushPlan plan = scm.push(CERT).bind(Elb.sniListener(BEIJING, "L2")).plan();

        assertThat(plan.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.REJECTED);
            assertThat(b.code()).isEqualTo(RuleCodes.SNI_CONFLICT);
        });
    }

    @Test
    void a_server_binding_on_a_ca_target_is_refused_as_binding_type() {
        ELB.stubFor(firstPage(PROJECT, CERT.name(), "client").willReturn(page(null)));

        PushPlan plan = scm.push(CERT).to(Elb.caCertificateInRegions(BEIJING)).bind(Elb.listener(BEIJING, "L1"))
                .plan();

        assertThat(plan.bindings()).singleElement().extracting(BindingOutcome::code).isEqualTo(RuleCodes.BINDING_TYPE);
    }

    private static MappingBuilder signed(MappingBuilder request) {
        return request
                .withHeader("X-Project-Id", equalTo(PROJECT))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=" + ACCESS_KEY + ", .*"));
    }
}
