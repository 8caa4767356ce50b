package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import io.scmpush.spi.RemoteCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WAF v1 certificates as huawei-api.md §2 describes them. */
class FakeWafTest {
    private static final TestCertificates.Generated CERT = TestCertificates.builder().ec()
            .domains("www.example.com").build();
    private static final TestCertificates.Generated OTHER = TestCertificates.builder().ec()
            .domains("api.example.com").build();
    private static final String REGION = "cn-north-4";

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final CloudClient client = new CloudClient(cloud);
    private final String collection = "/v1/" + cloud.projectId(REGION) + "/waf/certificate";

    @AfterEach
    void close() {
        cloud.close();
    }

    private static String body(String name, TestCertificates.Generated cert, String key) {
        ObjectNode body = CloudClient.JSON.createObjectNode().put("name", name)
                .put("content", cert.certificatePem()).put("key", key);
        return CloudClient.json(body);
    }

    private JsonNode create(String name, TestCertificates.Generated cert) {
        return client.sendJson("POST", collection, REGION, body(name, cert, cert.privateKeyPem()));
    }

    @Test
    void creating_a_certificate_answers_its_id_expiry_and_content_but_never_the_key() {
        JsonNode created = create("www-cert", CERT);

        assertThat(created.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(created.get("name").asText()).isEqualTo("www-cert");
        assertThat(created.get("content").asText()).isEqualTo(CERT.certificatePem());
        assertThat(created.get("expire_time").asLong()).isEqualTo(CERT.leaf().getNotAfter().getTime());
        assertThat(created.get("exp_status").asInt()).isZero();
        assertThat(created.get("timestamp").asLong()).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(created.has("key")).isFalse();
        assertThat(cloud.certificates("waf", REGION)).containsExactly(new RemoteCertificate(created.get("id").asText(),
                "www-cert", CERT.toCertificate().fingerprint(), CERT.leaf().getNotAfter().toInstant()));
    }

    @Test
    void the_list_shows_unbound_certificates_by_default_and_bound_ones_with_host_true() {
        String bound = create("bound-cert", CERT).get("id").asText();
        String unbound = create("unbound-cert", OTHER).get("id").asText();
        JsonNode applied = client.sendJson("POST", collection + "/" + bound + "/apply-to-hosts", REGION,
                "{\"cloud_host_ids\":[\"0123456789abcdef0123456789abcdef\"]}");

        JsonNode byDefault = client.sendJson("GET", collection, REGION, null);
        JsonNode unboundOnly = client.sendJson("GET", collection, REGION, null, "host", "false");
        JsonNode boundOnly = client.sendJson("GET", collection, REGION, null, "host", "true");

        assertThat(applied.get("bind_host").get(0).get("waf_type").asText()).isEqualTo("cloud");
        assertThat(byDefault.get("items")).extracting(i -> i.get("id").asText()).containsExactly(unbound);
        assertThat(unboundOnly.get("items")).extracting(i -> i.get("id").asText()).containsExactly(unbound);
        assertThat(boundOnly.get("items")).extracting(i -> i.get("id").asText()).containsExactly(bound);
        assertThat(boundOnly.get("items").get(0).get("bind_host").get(0).get("id").asText())
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void a_created_certificate_is_listed_without_its_content_and_shown_with_it() {
        String id = create("www-cert", CERT).get("id").asText();

        JsonNode list = client.sendJson("GET", collection, REGION, null);
        JsonNode shown = client.sendJson("GET", collection + "/" + id, REGION, null);

        assertThat(list.get("total").asInt()).isEqualTo(1);
        JsonNode item = list.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.has("content")).isFalse();
        assertThat(item.get("bind_host").isArray()).isTrue();
        assertThat(shown.get("content").asText()).isEqualTo(CERT.certificatePem());
        assertThat(shown.has("key")).isFalse();
    }

    @Test
    void the_list_pages_newest_first_and_filters_names_by_case_sensitive_substring() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(create("site-" + i, i % 2 == 0 ? CERT : OTHER).get("id").asText());
        }
        create("Site-upper", CERT);

        JsonNode first = client.sendJson("GET", collection, REGION, null, "page", "1", "pagesize", "5",
                "name", "site-");
        JsonNode third = client.sendJson("GET", collection, REGION, null, "page", "3", "pagesize", "5",
                "name", "site-");
        JsonNode defaultPage = client.sendJson("GET", collection, REGION, null);

        assertThat(first.get("total").asInt()).isEqualTo(12);
        assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(ids.get(11));
        assertThat(third.get("items")).hasSize(2);
        assertThat(third.get("items").get(1).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(defaultPage.get("items")).hasSize(10);
        assertThat(defaultPage.get("total").asInt()).isEqualTo(13);
    }

    @Test
    void parallel_creates_in_two_regions_are_all_kept() {
        String other = "/v1/" + cloud.projectId("ap-southeast-1") + "/waf/certificate";
        IntStream.range(0, 40).parallel().forEach(i -> client.send("POST", i % 2 == 0 ? collection : other,
                i % 2 == 0 ? REGION : "ap-southeast-1", body("parallel-" + i, CERT, CERT.privateKeyPem())));

        assertThat(cloud.certificates("waf", REGION)).hasSize(20);
        assertThat(cloud.certificates("waf", "ap-southeast-1")).hasSize(20)
                .extracting(RemoteCertificate::id).doesNotHaveDuplicates();
    }

    @Test
    void a_page_size_over_100_is_refused() {
        CloudServiceException e = client.failure("GET", collection, REGION, null, "pagesize", "101");

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("WAF.00011011");
    }

    @Test
    void a_second_certificate_with_the_same_name_is_WAF_00011016() {
        create("www-cert", CERT);

        CloudServiceException e = client.failure("POST", collection, REGION,
                body("www-cert", OTHER, OTHER.privateKeyPem()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("WAF.00011016");
        assertThat(e.requestId()).matches("[0-9a-f]{32}");
        assertThat(cloud.certificates("waf", REGION)).hasSize(1);
    }

    @Test
    void the_same_name_in_another_region_is_another_certificate() {
        create("www-cert", CERT);

        client.sendJson("POST", "/v1/" + cloud.projectId("ap-southeast-1") + "/waf/certificate", "ap-southeast-1",
                body("www-cert", CERT, CERT.privateKeyPem()));

        assertThat(cloud.certificates("waf", REGION)).hasSize(1);
        assertThat(cloud.certificates("waf", "ap-southeast-1")).hasSize(1);
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused() {
        CloudServiceException e = client.failure("POST", collection, REGION,
                body("mismatch", CERT, OTHER.privateKeyPem()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("WAF.00011019");
        assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
        assertThat(cloud.certificates("waf", REGION)).isEmpty();
    }

    @Test
    void an_expired_certificate_is_refused() {
        TestCertificates.Generated expired = TestCertificates.builder().ec()
                .notBefore(Instant.now().minus(Duration.ofDays(10))).validity(Duration.ofDays(5)).build();

        CloudServiceException e = client.failure("POST", collection, REGION,
                body("expired", expired, expired.privateKeyPem()));

        assertThat(e.errorCode()).isEqualTo("WAF.00011021");
    }

    @Test
    void a_body_without_a_key_or_with_a_bad_name_is_refused() {
        String noKey = CloudClient.json(CloudClient.JSON.createObjectNode().put("name", "n")
                .put("content", CERT.certificatePem()));

        assertThat(client.failure("POST", collection, REGION, noKey).errorCode()).isEqualTo("WAF.00011003");
        assertThat(client.failure("POST", collection, REGION, body("bad name!", CERT, CERT.privateKeyPem()))
                .errorCode()).isEqualTo("WAF.00011005");
        assertThat(client.failure("POST", collection, REGION, "[1,2]").errorCode()).isEqualTo("WAF.00011003");
    }

    @Test
    void an_update_renames_or_replaces_and_a_delete_removes() {
        String id = create("www-cert", CERT).get("id").asText();

        JsonNode renamed = client.sendJson("PUT", collection + "/" + id, REGION,
                "{\"name\":\"renamed\"}");
        client.sendJson("PUT", collection + "/" + id, REGION,
                body("renamed", OTHER, OTHER.privateKeyPem()));

        assertThat(renamed.get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.get("expire_time").asLong()).isEqualTo(CERT.leaf().getNotAfter().getTime());
        assertThat(cloud.certificates("waf", REGION)).singleElement()
                .satisfies(c -> assertThat(c.fingerprint()).isEqualTo(OTHER.toCertificate().fingerprint()));

        JsonNode deleted = client.sendJson("DELETE", collection + "/" + id, REGION, null);
        assertThat(deleted.get("id").asText()).isEqualTo(id);
        assertThat(cloud.certificates("waf", REGION)).isEmpty();
        assertThat(client.failure("GET", collection + "/" + id, REGION, null).errorCode()).isEqualTo("WAF.00014002");
    }

    @Test
    void a_disabled_region_answers_not_subscribed_and_the_others_still_work() {
        cloud.disableService("waf", REGION);

        CloudServiceException e = client.failure("GET", collection, REGION, null);

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("WAF.00012005");
        assertThat(client.send("GET", "/v1/" + cloud.projectId("ap-southeast-1") + "/waf/certificate",
                "ap-southeast-1", null).status()).isEqualTo(200);
    }

    @Test
    void errors_use_the_flat_envelope_with_the_request_id_in_the_header_only() {
        cloud.failNext("waf", REGION, 500);

        CloudClient.Reply reply = client.raw("GET", collection, REGION, "");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("WAF.00010001");
        assertThat(reply.json().has("error_msg")).isTrue();
        assertThat(reply.json().has("request_id")).isFalse();
        assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{32}");
    }
}
