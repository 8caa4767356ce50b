package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import io.scmpush.spi.CloudHttp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dedicated ELB (v3) certificates as huawei-api.md §3.2 describes them. */
class FakeElbTest {
    private static final TestCertificates.Generated CERT = TestCertificates.builder().ec()
            .domains("www.example.com", "api.example.com").build();
    private static final TestCertificates.Generated OTHER = TestCertificates.builder().ec()
            .domains("other.example.com").build();
    private static final String REGION = "ap-southeast-1";

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final CloudClient client = new CloudClient(cloud);
    private final String collection = "/v3/" + cloud.projectId(REGION) + "/elb/certificates";

    @AfterEach
    void close() {
        cloud.close();
    }

    private static String server(String name, TestCertificates.Generated cert, String key) {
        ObjectNode body = CloudClient.JSON.createObjectNode();
        body.putObject("certificate").put("name", name).put("type", "server").put("domain", "www.example.com")
                .put("certificate", cert.certificatePem()).put("private_key", key);
        return CloudClient.json(body);
    }

    private JsonNode create(String name, TestCertificates.Generated cert) {
        return client.sendJson("POST", collection, REGION, server(name, cert, cert.privateKeyPem())).get("certificate");
    }

    @Test
    void creating_answers_201_with_the_wrapped_certificate_and_no_private_key() {
        CloudHttp.Response response = client.send("POST", collection, REGION,
                server("www-cert", CERT, CERT.privateKeyPem()));
        JsonNode body = CloudClient.read(response.body());
        JsonNode created = body.get("certificate");

        assertThat(response.status()).isEqualTo(201);
        assertThat(body.get("request_id").asText()).isNotEmpty().isEqualTo(response.requestId());
        assertThat(created.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(created.get("name").asText()).isEqualTo("www-cert");
        assertThat(created.get("type").asText()).isEqualTo("server");
        assertThat(created.get("domain").asText()).isEqualTo("www.example.com");
        assertThat(created.get("certificate").asText()).isEqualTo(CERT.certificatePem());
        assertThat(created.has("private_key")).isFalse();
        assertThat(created.get("expire_time").asText()).isEqualTo(DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                .format(CERT.leaf().getNotAfter().toInstant()));
        assertThat(created.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.get("project_id").asText()).isEqualTo(cloud.projectId(REGION));
        assertThat(created.get("common_name").asText()).isEqualTo("www.example.com");
        assertThat(created.get("subject_alternative_names")).hasSize(2);
        assertThat(cloud.certificates("elb", REGION)).singleElement()
                .satisfies(c -> assertThat(c.fingerprint()).isEqualTo(CERT.toCertificate().fingerprint()));
    }

    @Test
    void a_ca_certificate_with_a_domain_is_accepted_and_the_domain_ignored() {
        ObjectNode body = CloudClient.JSON.createObjectNode();
        body.putObject("certificate").put("name", "ca").put("type", "client").put("domain", "www.example.com")
                .put("certificate", CERT.caCertificatePem());

        JsonNode created = client.sendJson("POST", collection, REGION, CloudClient.json(body)).get("certificate");

        assertThat(created.get("type").asText()).isEqualTo("client");
        assertThat(created.get("domain").asText()).isEmpty();
    }

    @Test
    void a_certificate_over_65536_characters_or_a_key_over_8192_is_refused() {
        String longChain = CERT.certificatePem() + "\n".repeat(65_537 - CERT.certificatePem().length());
        String longKey = CERT.privateKeyPem() + "\n".repeat(8_193 - CERT.privateKeyPem().length());

        CloudServiceException chain = client.failure("POST", collection, REGION,
                server("long", CERT, CERT.privateKeyPem()).replace(jsonText(CERT.certificatePem()), jsonText(longChain)));
        CloudServiceException key = client.failure("POST", collection, REGION, server("long", CERT, longKey));

        assertThat(chain.httpStatus()).isEqualTo(400);
        assertThat(chain.errorCode()).isEqualTo("ELB.1001");
        assertThat(chain.getMessage()).contains("65536");
        assertThat(key.errorCode()).isEqualTo("ELB.1001");
        assertThat(key.getMessage()).contains("8192");
        assertThat(cloud.certificates("elb", REGION)).isEmpty();
    }

    @Test
    void a_private_key_not_in_pem_form_is_refused() {
        String der = CERT.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").strip();

        CloudServiceException e = client.failure("POST", collection, REGION, server("der", CERT, der));

        assertThat(e.errorCode()).isEqualTo("ELB.1001");
        assertThat(e.getMessage()).contains("PEM");
    }

    private static String jsonText(String text) {
        String quoted = CloudClient.json(CloudClient.JSON.getNodeFactory().textNode(text));
        return quoted.substring(1, quoted.length() - 1);
    }

    @Test
    void names_need_not_be_unique() {
        create("same", CERT);
        create("same", CERT);

        assertThat(cloud.certificates("elb", REGION)).hasSize(2);
    }

    @Test
    void a_key_that_does_not_match_is_ELB_1011() {
        CloudServiceException e = client.failure("POST", collection, REGION,
                server("mismatch", CERT, OTHER.privateKeyPem()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("ELB.1011");
        assertThat(e.requestId()).matches("[0-9a-f]{32}");
        assertThat(cloud.certificates("elb", REGION)).isEmpty();
    }

    @Test
    void a_server_certificate_without_a_key_and_an_unwrapped_body_are_invalid_parameters() {
        ObjectNode noKey = CloudClient.JSON.createObjectNode();
        noKey.putObject("certificate").put("name", "n").put("certificate", CERT.certificatePem());
        String flat = CloudClient.json(CloudClient.JSON.createObjectNode().put("certificate", CERT.certificatePem()));

        assertThat(client.failure("POST", collection, REGION, CloudClient.json(noKey)).errorCode())
                .isEqualTo("ELB.1001");
        assertThat(client.failure("POST", collection, REGION, flat).errorCode()).isEqualTo("ELB.1001");
    }

    @Test
    void a_client_ca_certificate_needs_no_key() {
        ObjectNode ca = CloudClient.JSON.createObjectNode();
        ca.putObject("certificate").put("name", "ca").put("type", "client").put("certificate",
                CERT.caCertificatePem());

        JsonNode created = client.sendJson("POST", collection, REGION, CloudClient.json(ca)).get("certificate");

        assertThat(created.get("type").asText()).isEqualTo("client");
        assertThat(client.sendJson("GET", collection, REGION, null, "type", "client").get("certificates"))
                .hasSize(1);
        assertThat(client.sendJson("GET", collection, REGION, null, "type", "server").get("certificates"))
                .isEmpty();
    }

    @Test
    void the_list_pages_with_marker_and_limit_in_creation_order() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create("c" + i, CERT).get("id").asText());
        }

        JsonNode first = client.sendJson("GET", collection, REGION, null, "limit", "2");
        String marker = first.get("page_info").get("next_marker").asText();
        JsonNode second = client.sendJson("GET", collection, REGION, null, "limit", "2", "marker", marker);
        JsonNode last = client.sendJson("GET", collection, REGION, null, "limit", "2", "marker", ids.get(3));

        assertThat(first.get("request_id").asText()).isNotEmpty();
        assertThat(first.get("certificates")).extracting(c -> c.get("id").asText()).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.get("certificates").get(0).get("certificate").asText()).isEqualTo(CERT.certificatePem());
        assertThat(first.get("page_info").get("current_count").asInt()).isEqualTo(2);
        assertThat(second.get("certificates")).extracting(c -> c.get("id").asText()).containsExactly(ids.get(2), ids.get(3));
        assertThat(last.get("certificates")).extracting(c -> c.get("id").asText()).containsExactly(ids.get(4));
        assertThat(last.get("page_info").has("next_marker")).isFalse();
    }

    @Test
    void list_filters_repeat_and_match_exactly() {
        String a = create("alpha", CERT).get("id").asText();
        String b = create("beta", CERT).get("id").asText();
        create("alphabet", CERT);

        JsonNode byName = client.sendJson("GET", collection, REGION, null, "name", "alpha", "name", "beta");
        JsonNode byId = client.sendJson("GET", collection, REGION, null, "id", b);

        assertThat(byName.get("certificates")).extracting(c -> c.get("id").asText()).containsExactly(a, b);
        assertThat(byId.get("certificates")).extracting(c -> c.get("name").asText()).containsExactly("beta");
    }

    @Test
    void an_unknown_marker_or_a_limit_over_2000_is_an_invalid_query() {
        assertThat(client.failure("GET", collection, REGION, null, "marker", "f".repeat(32)).errorCode())
                .isEqualTo("ELB.1004");
        assertThat(client.failure("GET", collection, REGION, null, "limit", "2001").errorCode())
                .isEqualTo("ELB.1004");
    }

    @Test
    void show_update_and_delete_a_certificate() {
        String id = create("www-cert", CERT).get("id").asText();

        JsonNode shown = client.sendJson("GET", collection + "/" + id, REGION, null).get("certificate");
        JsonNode updated = client.sendJson("PUT", collection + "/" + id, REGION,
                "{\"certificate\":{\"name\":\"renamed\",\"description\":\"rotated\"}}").get("certificate");
        CloudServiceException typeChange = client.failure("PUT", collection + "/" + id, REGION,
                "{\"certificate\":{\"type\":\"client\"}}");
        CloudHttp.Response deleted = client.send("DELETE", collection + "/" + id, REGION, null);

        assertThat(shown.get("name").asText()).isEqualTo("www-cert");
        assertThat(updated.get("name").asText()).isEqualTo("renamed");
        assertThat(updated.get("description").asText()).isEqualTo("rotated");
        assertThat(typeChange.errorCode()).isEqualTo("ELB.1001");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(cloud.certificates("elb", REGION)).isEmpty();
        assertThat(client.failure("GET", collection + "/" + id, REGION, null).httpStatus()).isEqualTo(404);
    }

    @Test
    void errors_carry_the_request_id_in_the_body() {
        CloudClient.Reply reply = client.raw("POST", collection, REGION, "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("ELB.0002");
        assertThat(reply.json().get("request_id").asText()).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void a_disabled_region_does_not_serve_the_v3_api() {
        cloud.disableService("elb", null);

        CloudServiceException e = client.failure("GET", collection, REGION, null);

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo("APIG.0101");
    }
}
