package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.Binding;
import io.scmpush.CloudServiceException;
import io.scmpush.spi.RemoteCertificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ELB v3 listeners and WAF hosts as huawei-api-wave2.md §1–2 describe them, and what they reference. */
@Timeout(20)
class FakeListenersAndHostsTest {
    private static final String REGION = "cn-north-4";
    private static final TestCertificates.Generated WWW = TestCertificates.builder().ec()
            .domains("www.example.com").build();
    private static final TestCertificates.Generated API = TestCertificates.builder().ec()
            .domains("api.example.com").build();
    private static final TestCertificates.Generated WWW_TOO = TestCertificates.builder().ec()
            .domains("www.example.com").build();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final CloudClient client = new CloudClient(cloud);
    private final String project = cloud.projectId(REGION);

    @AfterEach
    void close() {
        cloud.close();
    }

    private String elbCertificate(String name, TestCertificates.Generated cert, String type, String domain) {
        ObjectNode body = CloudClient.JSON.createObjectNode();
        ObjectNode fields = body.putObject("certificate").put("name", name).put("type", type)
                .put("certificate", type.equals("server") ? cert.certificatePem() : cert.caCertificatePem());
        if (type.equals("server")) {
            fields.put("private_key", cert.privateKeyPem()).put("domain", domain);
        }
        return client.sendJson("POST", "/v3/" + project + "/elb/certificates", REGION, CloudClient.json(body))
                .path("certificate").path("id").asText();
    }

    private JsonNode updateListener(String id, String fields) {
        return client.sendJson("PUT", "/v3/" + project + "/elb/listeners/" + id, REGION,
                "{\"listener\":" + fields + "}").path("listener");
    }

    private CloudServiceException refusedUpdate(String id, String fields) {
        return client.failure("PUT", "/v3/" + project + "/elb/listeners/" + id, REGION, "{\"listener\":" + fields + "}");
    }

    @Test
    void a_listener_takes_a_default_certificate_an_sni_list_and_a_client_ca_and_shows_them() {
        String www = elbCertificate("www", WWW, "server", "www.example.com");
        String api = elbCertificate("api", API, "server", "api.example.com");
        String ca = elbCertificate("ca", WWW, "client", "");
        String id = cloud.addElbListener(REGION, "HTTPS");

        updateListener(id, "{\"default_tls_container_ref\":\"" + www + "\"}");
        updateListener(id, "{\"sni_container_refs\":[\"" + api + "\",\"" + www + "\"]}");
        JsonNode listener = updateListener(id, "{\"client_ca_tls_container_ref\":\"" + ca + "\"}");

        assertThat(listener.path("default_tls_container_ref").asText()).isEqualTo(www);
        assertThat(listener.path("sni_container_refs")).extracting(JsonNode::asText).containsExactly(api, www);
        JsonNode shown = client.sendJson("GET", "/v3/" + project + "/elb/listeners/" + id, REGION, null)
                .path("listener");
        assertThat(shown).isEqualTo(listener);
        assertThat(cloud.bound(new Binding("elb", REGION, "listener-sni", id))).extracting(RemoteCertificate::id)
                .containsExactly(api, www);
        assertThat(cloud.bound(new Binding("elb", REGION, "listener", id))).singleElement()
                .extracting(RemoteCertificate::fingerprint).isEqualTo(WWW.toCertificate().fingerprint());
    }

    @Test
    void a_listener_refuses_what_elb_refuses() {
        String www = elbCertificate("www", WWW, "server", "www.example.com");
        String wwwToo = elbCertificate("www-too", WWW_TOO, "server", "www.example.com");
        String ca = elbCertificate("ca", WWW, "client", "");
        String https = cloud.addElbListener(REGION, "HTTPS");
        String tcp = cloud.addElbListener(REGION, "TCP");
        updateListener(https, "{\"default_tls_container_ref\":\"" + www + "\"}");

        assertThat(refusedUpdate(https, "{\"default_tls_container_ref\":\"" + ca + "\"}").errorCode())
                .isEqualTo("ELB.1001"); // a client-type certificate as the default
        assertThat(refusedUpdate(https, "{\"client_ca_tls_container_ref\":\"" + www + "\"}").errorCode())
                .isEqualTo("ELB.1001");
        assertThat(refusedUpdate(https, "{\"default_tls_container_ref\":null}").errorCode()).isEqualTo("ELB.1001");
        assertThat(refusedUpdate(https, "{\"sni_container_refs\":[\"" + www + "\",\"" + wwwToo + "\"]}")
                .getMessage()).contains("repeated");
        assertThat(refusedUpdate(tcp, "{\"default_tls_container_ref\":\"" + www + "\"}").errorCode())
                .isEqualTo("ELB.1001");
        CloudServiceException unknown = refusedUpdate(https, "{\"default_tls_container_ref\":\"nosuch\"}");
        assertThat(unknown.httpStatus()).isEqualTo(404);
        assertThat(refusedUpdate(https, "{\"certificates\":[]}").errorCode()).isEqualTo("ELB.1001");
        assertThat(cloud.bound(new Binding("elb", REGION, "listener", https))).extracting(RemoteCertificate::id)
                .containsExactly(www);
    }

    @Test
    void an_sni_list_holds_at_most_fifty_certificates() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ObjectNode body = CloudClient.JSON.createObjectNode();
            body.putObject("certificate").put("name", "c" + i).put("type", "server")
                    .put("certificate", WWW.certificatePem()).put("private_key", WWW.privateKeyPem())
                    .put("domain", "n" + i + ".example.com");
            ids.add(client.sendJson("POST", "/v3/" + project + "/elb/certificates", REGION, CloudClient.json(body))
                    .path("certificate").path("id").asText());
        }
        String id = cloud.addElbListener(REGION, "HTTPS");
        updateListener(id, "{\"default_tls_container_ref\":\"" + ids.get(0) + "\"}");

        updateListener(id, "{\"sni_container_refs\":" + CloudClient.JSON.valueToTree(ids.subList(0, 50)) + "}");
        assertThat(refusedUpdate(id, "{\"sni_container_refs\":" + CloudClient.JSON.valueToTree(ids) + "}")
                .getMessage()).contains("at most 50");
    }

    @Test
    void listeners_are_listed_by_protocol_and_by_the_certificates_they_reference() {
        String www = elbCertificate("www", WWW, "server", "www.example.com");
        String https = cloud.addElbListener(REGION, "HTTPS");
        String terminated = cloud.addElbListener(REGION, "TERMINATED_HTTPS");
        cloud.addElbListener(REGION, "TCP");
        updateListener(https, "{\"default_tls_container_ref\":\"" + www + "\"}");

        JsonNode tls = client.sendJson("GET", "/v3/" + project + "/elb/listeners", REGION, null,
                "protocol", "HTTPS", "protocol", "TERMINATED_HTTPS");
        assertThat(tls.path("listeners")).extracting(l -> l.path("id").asText()).containsExactly(https, terminated);
        JsonNode referencing = client.sendJson("GET", "/v3/" + project + "/elb/listeners", REGION, null,
                "default_tls_container_ref", www);
        assertThat(referencing.path("listeners")).extracting(l -> l.path("id").asText()).containsExactly(https);
        JsonNode paged = client.sendJson("GET", "/v3/" + project + "/elb/listeners", REGION, null, "limit", "1");
        assertThat(paged.path("page_info").path("next_marker").asText()).isEqualTo(https);
    }

    private String wafCertificate(String name, TestCertificates.Generated cert) {
        String body = "{\"name\":\"" + name + "\",\"content\":" + CloudClient.JSON.valueToTree(cert.certificatePem())
                + ",\"key\":" + CloudClient.JSON.valueToTree(cert.privateKeyPem()) + "}";
        return client.sendJson("POST", "/v1/" + project + "/waf/certificate", REGION, body).path("id").asText();
    }

    @Test
    void waf_hosts_of_both_modes_take_a_certificate_by_id_and_name_and_show_it() {
        String www = wafCertificate("www", WWW);
        String cloudHost = cloud.addWafHost(REGION, "www.example.com", false);
        String premiumHost = cloud.addWafHost(REGION, "www.example.com", true);
        String fields = "{\"certificateid\":\"" + www + "\",\"certificatename\":\"www\"}";

        JsonNode updated = client.sendJson("PATCH", "/v1/" + project + "/waf/instance/" + cloudHost, REGION, fields);
        client.sendJson("PUT", "/v1/" + project + "/premium-waf/host/" + premiumHost, REGION, fields);

        assertThat(updated.path("certificateid").asText()).isEqualTo(www);
        JsonNode shown = client.sendJson("GET", "/v1/" + project + "/premium-waf/host/" + premiumHost, REGION, null);
        assertThat(shown.path("certificatename").asText()).isEqualTo("www");
        JsonNode listed = client.sendJson("GET", "/v1/" + project + "/waf/instance", REGION, null, "pagesize", "-1");
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertThat(listed.path("items").get(0).has("certificateid")).isFalse();
        assertThat(cloud.bound(new Binding("waf", REGION, "premium-host", premiumHost)))
                .extracting(RemoteCertificate::id).containsExactly(www);
        wafCertificate("unbound", API);
        JsonNode bound = client.sendJson("GET", "/v1/" + project + "/waf/certificate", REGION, null, "host", "true");
        assertThat(bound.path("items")).singleElement().satisfies(c -> {
            assertThat(c.path("id").asText()).isEqualTo(www);
            assertThat(c.path("bind_host")).extracting(h -> h.path("id").asText() + " " + h.path("waf_type").asText())
                    .containsExactly(cloudHost + " cloud", premiumHost + " premium");
        });
    }

    @Test
    void a_waf_host_refuses_a_certificate_without_its_name_or_under_another_name() {
        String www = wafCertificate("www", WWW);
        String host = cloud.addWafHost(REGION, "www.example.com", false);
        String path = "/v1/" + project + "/waf/instance/" + host;

        assertThat(client.failure("PATCH", path, REGION, "{\"certificateid\":\"" + www + "\"}").httpStatus())
                .isEqualTo(400);
        assertThat(client.failure("PATCH", path, REGION, "{\"certificateid\":\"" + www
                + "\",\"certificatename\":\"other\"}").httpStatus()).isEqualTo(400);
        assertThat(client.failure("PATCH", path, REGION, "{\"certificateid\":\"nosuch\",\"certificatename\":\"x\"}")
                .httpStatus()).isEqualTo(404);
        assertThat(client.failure("PUT", path, REGION, "{}").httpStatus()).isEqualTo(404); // cloud mode is PATCH
        assertThat(cloud.bound(new Binding("waf", REGION, "host", host))).isEmpty();
        assertThatThrownBy(() -> cloud.bound(new Binding("waf", REGION, "host", "nosuch")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
