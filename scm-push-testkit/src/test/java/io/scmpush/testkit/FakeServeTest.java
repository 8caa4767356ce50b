package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.Binding;
import io.scmpush.OutcomeCodes;
import io.scmpush.ScmPush;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code FakeHuaweiCloud.serve}: a TLS port per resource, presenting what the resource references now. */
@Timeout(20)
class FakeServeTest {
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
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).build();

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    private String elbCertificate(String name, TestCertificates.Generated cert, String domain) {
        ObjectNode body = CloudClient.JSON.createObjectNode();
        body.putObject("certificate").put("name", name).put("type", "server").put("certificate", cert.certificatePem())
                .put("private_key", cert.privateKeyPem()).put("domain", domain);
        return client.sendJson("POST", "/v3/" + project + "/elb/certificates", REGION, CloudClient.json(body))
                .path("certificate").path("id").asText();
    }

    private void updateListener(String id, String fields) {
        client.sendJson("PUT", "/v3/" + project + "/elb/listeners/" + id, REGION, "{\"listener\":" + fields + "}");
    }

    /** What the port serves to a client that sends {@code serverName}: the leaf's fingerprint, or the failure's code. */
    private String served(InetSocketAddress port, String serverName, TestCertificates.Generated expected) {
        VerificationResult result = scm.verify(expected.toCertificate(),
                Verification.of(serverName).at(port.getHostString(), port.getPort())).get(0);
        return result.matches() ? "expected" : String.valueOf(result.code());
    }

    @Test
    void a_listener_presents_the_sni_entry_for_its_name_else_its_default_as_it_is_now() {
        String www = elbCertificate("www", WWW, "www.example.com");
        String api = elbCertificate("api", API, "api.example.com");
        String id = cloud.addElbListener(REGION, "HTTPS");
        updateListener(id, "{\"default_tls_container_ref\":\"" + www + "\",\"sni_container_refs\":[\"" + api + "\"]}");

        InetSocketAddress port = cloud.serve(new Binding("elb", REGION, "listener", id));

        assertThat(port.getAddress().isLoopbackAddress()).isTrue();
        assertThat(cloud.serve(new Binding("elb", REGION, "listener-sni", id))).as("one port per listener")
                .isEqualTo(port);
        assertThat(served(port, "api.example.com", API)).isEqualTo("expected");
        assertThat(served(port, "www.example.com", WWW)).isEqualTo("expected");
        assertThat(served(port, "other.example.com", WWW)).as("no SNI entry: the default").isEqualTo("expected");

        updateListener(id, "{\"default_tls_container_ref\":\"" + elbCertificate("www2", WWW_TOO, "www.example.com")
                + "\"}");

        assertThat(served(port, "www.example.com", WWW_TOO)).as("what it serves now").isEqualTo("expected");
    }

    @Test
    void a_waf_host_presents_its_certificate_and_a_resource_without_one_fails_the_handshake() {
        String host = cloud.addWafHost(REGION, "www.example.com", false);
        InetSocketAddress port = cloud.serve(new Binding("waf", REGION, "host", host));
        assertThat(served(port, "www.example.com", WWW)).isEqualTo(OutcomeCodes.TLS_ERROR);

        String body = "{\"name\":\"www\",\"content\":" + CloudClient.JSON.valueToTree(WWW.certificatePem())
                + ",\"key\":" + CloudClient.JSON.valueToTree(WWW.privateKeyPem()) + "}";
        String certificate = client.sendJson("POST", "/v1/" + project + "/waf/certificate", REGION, body).path("id")
                .asText();
        client.sendJson("PATCH", "/v1/" + project + "/waf/instance/" + host, REGION,
                "{\"certificateid\":\"" + certificate + "\",\"certificatename\":\"www\"}");

        assertThat(served(port, "www.example.com", WWW)).isEqualTo("expected");
    }

    @Test
    void an_unknown_resource_is_refused_and_closing_the_emulator_closes_its_ports() throws IOException {
        assertThatThrownBy(() -> cloud.serve(new Binding("elb", REGION, "listener", "nope")))
                .isInstanceOf(IllegalArgumentException.class);
        Binding host = new Binding("waf", REGION, "premium-host", cloud.addWafHost(REGION, "www.example.com", true));
        InetSocketAddress port = cloud.serve(host);

        cloud.close();

        // Binding the port proves it was released; holding it without listening keeps it refused, so neither
        // another process nor a connection from that port to itself can answer the handshake.
        try (Socket held = new Socket()) {
            held.setReuseAddress(true); // a connection of an earlier test may linger in TIME_WAIT; a listener may not
            held.bind(port);
            assertThat(served(port, "www.example.com", WWW)).isEqualTo(OutcomeCodes.UNREACHABLE);
        }
        assertThatThrownBy(() -> cloud.serve(host)).isInstanceOf(IllegalStateException.class);
    }

}
