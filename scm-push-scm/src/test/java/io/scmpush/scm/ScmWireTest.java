package io.scmpush.scm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CloudServiceException;
import io.scmpush.CsrOrigin;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.waf.Waf;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.TestCertificates;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SCM v3 requests on the wire (huawei-api-wave2.md §4), pinned against WireMock. */
@Timeout(10)
class ScmWireTest {
    private static final String DOMAIN_ID = "0123456789abcdef0123456789abcdef";
    private static final String ID = "scs1554192131150";
    private static final String PATH = "/v3/scm/certificates";
    /** A signed global call: host, X-Domain-Id and X-Sdk-Date are among the signed headers. */
    private static final String AUTHORIZATION = "SDK-HMAC-SHA256 Access=AK, "
            + "SignedHeaders=(?=[a-z0-9;-]*\\bhost\\b)(?=[a-z0-9;-]*x-domain-id)(?=[a-z0-9;-]*x-sdk-date)[a-z0-9;-]+, "
            + "Signature=[0-9a-f]{64}";

    @RegisterExtension
    static final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .failOnUnmatchedRequests(true)
            .build();

    private final ScmPush scm = ScmPush.builder()
            .credentials(Credentials.of("AK", "SK").withDomainId(DOMAIN_ID))
            .endpoint("scm", URI.create(wire.baseUrl()))
            .retry(RetryPolicy.none())
            .build();
    private final ScmCertificates certs = ScmCertificates.of(scm);

    @AfterEach
    void close() {
        scm.close();
    }

    private static MappingBuilder signed(MappingBuilder request) {
        return request.withHeader("X-Domain-Id", equalTo(DOMAIN_ID))
                .withHeader("Authorization", matching(AUTHORIZATION));
    }

    private static String shown(String status, String pushSupport, String notAfter) {
        return "{\"id\":\"" + ID + "\",\"status\":\"" + status + "\",\"order_id\":\"CS2005\",\"name\":\"shop-cert\","
                + "\"type\":\"DV_SSL_CERT\",\"brand\":\"GLOBALSIGN\",\"push_support\":\"" + pushSupport + "\","
                + "\"revoke_reason\":null,\"signature_algorithm\":\"SHA256WITHRSA\","
                + "\"issue_time\":\"2026-01-01 00:00:00.0\",\"not_before\":\"2026-01-01 00:00:00.0\","
                + "\"not_after\":\"" + notAfter + "\",\"validity_period\":12,\"validation_method\":\"DNS\","
                + "\"domain_type\":\"MULTI_DOMAIN\",\"multi_domain_type\":null,\"domain\":\"shop.example.com\","
                + "\"sans\":\"www.shop.example.com,api.shop.example.com\",\"domain_count\":3,\"wildcard_count\":0,"
                + "\"fingerprint\":\"185d687de3f44f2249d0e0f084efccb56b7c2cbe\",\"enterprise_project_id\":\"0\","
                + "\"authentification\":[]}";
    }

    @Test
    void list_sends_the_filters_as_scm_names_them_and_reads_the_documented_expire_time() {
        wire.stubFor(signed(get(urlPathEqualTo(PATH)))
                .withQueryParam("limit", equalTo("50")).withQueryParam("offset", equalTo("0"))
                .withQueryParam("status", equalTo("UPLOAD")).withQueryParam("enterprise_project_id", equalTo("0"))
                .withQueryParam("content", equalTo("shop"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"certificates\":[{\"id\":\"" + ID + "\",\"name\":\"shop-cert\",\"domain\":\"shop.example.com\","
                                + "\"sans\":\"\",\"signature_algorithm\":\"SHA256WITHRSA\",\"deploy_support\":true,"
                                + "\"type\":\"DV_SSL_CERT\",\"brand\":\"GLOBALSIGN\","
                                + "\"expire_time\":\"2021-05-27 16:46:25.0\",\"domain_type\":\"SINGLE_DOMAIN\","
                                + "\"validity_period\":12,\"status\":\"UPLOAD\",\"domain_count\":1,"
                                + "\"wildcard_count\":0,\"description\":\"\",\"domain_id\":\"" + DOMAIN_ID + "\","
                                + "\"enterprise_project_id\":\"0\"}],\"total_count\":1}")));

        List<ManagedCertificate> found = certs.list(ScmQuery.all().status(CertificateStatus.HOSTED)
                .enterpriseProject("0").containing("shop"));

        assertThat(found).containsExactly(new ManagedCertificate(ID, "shop-cert", CertificateStatus.HOSTED,
                CsrOrigin.SYSTEM, List.of("shop.example.com"), Instant.parse("2021-05-27T16:46:25Z"), true, "0"));
    }

    @Test
    void show_maps_domain_and_sans_push_support_and_not_after() {
        wire.stubFor(signed(get(urlPathEqualTo(PATH + "/" + ID)))
                .willReturn(aResponse().withStatus(200).withBody(shown("ISSUED", "OFF", "2027-01-01 00:00:00.0"))));

        ManagedCertificate shown = certs.show(ID);

        assertThat(shown.domains()).containsExactly("shop.example.com", "www.shop.example.com", "api.shop.example.com");
        assertThat(shown.notAfter()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(shown.pushSupported()).isFalse();
        assertThat(shown.csrOrigin()).isEqualTo(CsrOrigin.MANUAL);
    }

    @Test
    void an_unreadable_time_is_an_error_naming_the_field() {
        wire.stubFor(signed(get(urlPathEqualTo(PATH + "/" + ID)))
                .willReturn(aResponse().withStatus(200).withBody(shown("ISSUED", "ON", "27/05/2021"))));

        assertThatThrownBy(() -> certs.show(ID))
                .isInstanceOfSatisfying(CloudServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE))
                .hasMessageContaining("not_after").hasMessageContaining("27/05/2021").hasMessageContaining(ID);
    }

    @Test
    void export_posts_an_empty_object_and_keeps_the_chain_and_key() {
        TestCertificates.Generated generated = TestCertificates.builder().ec().domains("shop.example.com").build();
        wire.stubFor(signed(get(urlPathEqualTo(PATH + "/" + ID)))
                .willReturn(aResponse().withStatus(200).withBody(shown("ISSUED", "ON", "2027-01-01 00:00:00.0"))));
        wire.stubFor(signed(post(urlPathEqualTo(PATH + "/" + ID + "/export"))).withRequestBody(equalToJson("{}"))
                .willReturn(aResponse().withStatus(200).withBody("{\"entire_certificate\":"
                        + json(generated.certificatePem()) + ",\"private_key\":" + json(generated.privateKeyPem())
                        + "}")));

        Certificate exported = certs.export(ID);

        assertThat(exported.name()).isEqualTo("shop-cert");
        assertThat(exported.scmId()).contains(ID);
        assertThat(exported.hasPrivateKey()).isTrue();
        assertThat(exported.fingerprint()).isEqualTo(generated.toCertificate().fingerprint());
    }

    @Test
    void a_native_push_batch_pushes_elb_regions_and_pushes_cdn() {
        wire.stubFor(signed(get(urlPathEqualTo(PATH + "/" + ID)))
                .willReturn(aResponse().withStatus(200).withBody(shown("ISSUED", "ON", "2099-01-01 00:00:00.0"))));
        wire.stubFor(signed(post(urlPathEqualTo(PATH + "/" + ID + "/batch-push")))
                .withRequestBody(equalToJson("{\"target_projects\":[\"cn-north-4\",\"ap-southeast-1\"],"
                        + "\"target_service\":\"ELB\"}"))
                .willReturn(aResponse().withStatus(200).withBody("{\"results\":["
                        + "{\"project_name\":\"cn-north-4\",\"cert_id\":\"elb-1\",\"message\":\"success\"},"
                        + "{\"project_name\":\"ap-southeast-1\",\"message\":\"ELB.1011 Private_key or certificate "
                        + "content is not valid.\"}]}")));
        wire.stubFor(signed(post(urlPathEqualTo(PATH + "/" + ID + "/push")))
                .withRequestBody(equalToJson("{\"target_service\":\"CDN\"}"))
                .willReturn(aResponse().withStatus(204)));

        PushResult result = certs.push(ID, Elb.inRegions("cn-north-4", "ap-southeast-1"), Cdn.matchingDomains());

        assertThat(result.outcome("elb", "cn-north-4").orElseThrow().remoteId()).isEqualTo("elb-1");
        assertThat(result.outcome("elb", "ap-southeast-1").orElseThrow().status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(result.outcome("elb", "ap-southeast-1").orElseThrow().code()).isEqualTo("ELB.1011");
        assertThat(result.outcome("cdn", null).orElseThrow().status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(result.outcome("cdn", null).orElseThrow().remoteId()).isEqualTo("shop-cert");
        assertThat(result.fingerprint()).isEqualTo("185d687de3f44f2249d0e0f084efccb56b7c2cbe");
        wire.verify(1, postRequestedFor(urlPathMatching(PATH + "/.*")).withRequestBody(matching(".*ELB.*")));
    }

    @Test
    void rules_that_need_nothing_from_scm_reject_before_any_call() {
        List<String> eleven = List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11");

        PushResult limit = certs.push(ID, Elb.inRegions(eleven.toArray(String[]::new)));
        PushResult required = certs.push(ID, PushTarget.of("waf"));
        PushResult duplicate = certs.push(ID, Waf.inRegions("cn-north-4"), Waf.inRegions("cn-north-4"));
        PushResult unknown = certs.push(ID, PushTarget.of("nosuch").inRegions("cn-north-4"));
        PushResult global = certs.push(ID, Cdn.matchingDomains().inRegions("cn-north-4"));

        assertThat(limit.outcomes()).hasSize(11).extracting(TargetOutcome::code).containsOnly(RuleCodes.REGION_LIMIT);
        assertThat(required.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.REGION_REQUIRED);
        assertThat(duplicate.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.DUPLICATE_TARGET);
        assertThat(unknown.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.UNKNOWN_SERVICE);
        assertThat(global.outcomes()).extracting(TargetOutcome::code)
                .containsExactly(RuleCodes.REGION_NOT_APPLICABLE);
        for (PushResult result : List.of(limit, required, duplicate, unknown, global)) {
            assertThat(result.outcomes()).extracting(TargetOutcome::status).containsOnly(OutcomeStatus.REJECTED);
        }
        assertThat(wire.getAllServeEvents()).as("no request at all").isEmpty();
    }

    @Test
    void a_target_the_early_rules_let_through_is_judged_after_show_and_the_rejected_one_is_not_sent() {
        wire.stubFor(signed(get(urlPathEqualTo(PATH + "/" + ID)))
                .willReturn(aResponse().withStatus(200).withBody(shown("ISSUED", "ON", "2099-01-01 00:00:00.0"))));
        wire.stubFor(signed(post(urlPathEqualTo(PATH + "/" + ID + "/push")))
                .withRequestBody(equalToJson("{\"target_service\":\"CDN\"}"))
                .willReturn(aResponse().withStatus(204)));

        PushResult result = certs.push(ID, Cdn.matchingDomains(), PushTarget.of("waf"));

        assertThat(result.outcome("cdn", null).orElseThrow().status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(result.outcome("waf", null).orElseThrow().code()).isEqualTo(RuleCodes.REGION_REQUIRED);
        assertThat(wire.getAllServeEvents()).hasSize(2);
    }

    /** A list page of {@code count} issued certificates, ids {@code scs<first>...}, claiming {@code total}. */
    private static String listPage(int first, int count, int total) {
        StringBuilder items = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"scs").append(i)
                    .append("\",\"name\":\"c").append(i).append("\",\"domain\":\"c").append(i)
                    .append(".example.com\",\"sans\":\"\",\"deploy_support\":true,\"status\":\"ISSUED\",")
                    .append("\"expire_time\":\"2027-05-27 16:46:25.0\",\"enterprise_project_id\":\"0\"}");
        }
        return "{\"certificates\":[" + items + "],\"total_count\":" + total + "}";
    }

    private static MappingBuilder listAt(int offset) {
        return signed(get(urlPathEqualTo(PATH))).withQueryParam("limit", equalTo("50"))
                .withQueryParam("offset", equalTo(Integer.toString(offset)));
    }

    @Test
    void list_reads_pages_by_offset_until_the_total_is_read() {
        wire.stubFor(listAt(0).willReturn(aResponse().withStatus(200).withBody(listPage(0, 50, 60))));
        wire.stubFor(listAt(50).willReturn(aResponse().withStatus(200).withBody(listPage(50, 10, 60))));

        assertThat(certs.list(ScmQuery.all())).hasSize(60).extracting(ManagedCertificate::id)
                .doesNotHaveDuplicates().startsWith("scs0").endsWith("scs59");
        wire.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void an_unreadable_expire_time_in_the_list_is_an_error_naming_the_field() {
        wire.stubFor(listAt(0).willReturn(aResponse().withStatus(200).withBody(listPage(0, 1, 1)
                .replace("2027-05-27 16:46:25.0", "next year"))));

        assertThatThrownBy(() -> certs.list(ScmQuery.all()))
                .isInstanceOfSatisfying(CloudServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE))
                .hasMessageContaining("expire_time").hasMessageContaining("next year").hasMessageContaining("scs0");
    }

    @Test
    void a_list_that_answers_the_same_page_again_is_a_pagination_loop() {
        wire.stubFor(listAt(0).willReturn(aResponse().withStatus(200).withBody(listPage(0, 50, 120))));
        wire.stubFor(listAt(50).willReturn(aResponse().withStatus(200).withBody(listPage(0, 50, 120))));

        assertThatThrownBy(() -> certs.list(ScmQuery.all()))
                .isInstanceOfSatisfying(CloudServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(OutcomeCodes.PAGINATION_LOOP))
                .hasMessageContaining("SCM ListCertificates");
        wire.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_list_longer_than_scms_offsets_reach_asks_to_narrow_the_query() {
        wire.stubFor(listAt(0).willReturn(aResponse().withStatus(200).withBody(listPage(0, 50, 400))));
        wire.stubFor(listAt(50).willReturn(aResponse().withStatus(200).withBody(listPage(50, 50, 400))));
        wire.stubFor(listAt(100).willReturn(aResponse().withStatus(200).withBody(listPage(100, 50, 400))));

        assertThatThrownBy(() -> certs.list(ScmQuery.all())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("narrow the query");
        wire.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
