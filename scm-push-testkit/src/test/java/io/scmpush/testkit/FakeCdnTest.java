package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import io.scmpush.spi.RemoteCertificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CDN domains and their HTTPS certificates as huawei-api.md §4 describes them. */
class FakeCdnTest {
    private static final TestCertificates.Generated CERT = TestCertificates.builder().ec()
            .domains("www.example.com", "*.img.example.com").build();
    private static final TestCertificates.Generated OTHER = TestCertificates.builder().ec()
            .domains("other.example.com").build();
    private static final String DOMAINS = "/v1.0/cdn/domains";
    private static final String CONFIG = "/v1.0/cdn/domains/config-https-info";
    private static final String HTTPS_INFO = "/v1.0/cdn/domains/https-certificate-info";

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final CloudClient client = new CloudClient(cloud);

    @AfterEach
    void close() {
        cloud.close();
    }

    private static String configure(String domains, String certName, TestCertificates.Generated cert, String key) {
        ObjectNode body = CloudClient.JSON.createObjectNode();
        body.putObject("https").put("domain_name", domains).put("https_switch", 1).put("cert_name", certName)
                .put("certificate", cert.certificatePem()).put("private_key", key).put("certificate_type", 0);
        return CloudClient.json(body);
    }

    @Test
    void the_domain_list_pages_and_describes_each_acceleration_domain() {
        for (int i = 0; i < 3; i++) {
            cloud.addCdnDomain("d" + i + ".example.com");
        }

        JsonNode page = client.sendJson("GET", DOMAINS, null, null, "page_size", "2", "page_number", "2");
        JsonNode exact = client.sendJson("GET", DOMAINS, null, null, "domain_name", "d1.example.com",
                "exact_match", "true");

        assertThat(page.get("total").asInt()).isEqualTo(3);
        JsonNode domain = page.get("domains").get(0);
        assertThat(domain.get("domain_name").asText()).isEqualTo("d2.example.com");
        assertThat(domain.get("domain_status").asText()).isEqualTo("online");
        assertThat(domain.get("business_type").asText()).isEqualTo("web");
        assertThat(domain.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(domain.get("https_status").asInt()).isZero();
        assertThat(exact.get("domains")).hasSize(1);
    }

    @Test
    void a_certificate_is_set_on_every_named_domain_it_covers() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("a.img.example.com");

        JsonNode answer = client.sendJson("PUT", CONFIG, null,
                configure("www.example.com,a.img.example.com", "www-cert", CERT, CERT.privateKeyPem()));

        assertThat(answer.get("status").asText()).isEqualTo("success");
        assertThat(answer.get("result")).extracting(r -> r.get("status").asText()).containsOnly("success");
        assertThat(answer.get("https").get("cert_name").asText()).isEqualTo("www-cert");
        assertThat(answer.get("https").has("private_key")).isFalse();
        assertThat(cloud.certificates("cdn", null)).containsExactly(
                new RemoteCertificate("www.example.com", "www-cert", CERT.toCertificate().fingerprint(),
                        CERT.leaf().getNotAfter().toInstant()),
                new RemoteCertificate("a.img.example.com", "www-cert", CERT.toCertificate().fingerprint(),
                        CERT.leaf().getNotAfter().toInstant()));
    }

    @Test
    void the_https_info_shows_each_domains_certificate_and_settings_but_never_the_key() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("plain.example.com");
        client.send("PUT", CONFIG, null, configure("www.example.com", "www-cert", CERT, CERT.privateKeyPem()));

        JsonNode info = client.sendJson("GET", HTTPS_INFO, null, null, "page_size", "10", "page_number", "1");

        assertThat(info.get("total").asInt()).isEqualTo(2);
        JsonNode www = info.get("https").get(0);
        assertThat(www.get("domain_name").asText()).isEqualTo("www.example.com");
        assertThat(www.get("cert_name").asText()).isEqualTo("www-cert");
        assertThat(www.get("expiration_time").asLong()).isEqualTo(CERT.leaf().getNotAfter().getTime());
        assertThat(www.get("https_status").asInt()).isEqualTo(2);
        assertThat(www.get("certificate").asText()).isEqualTo(CERT.certificatePem());
        assertThat(www.get("http2").asInt()).isZero();
        assertThat(www.get("force_redirect_config").get("switch").asInt()).isZero();
        assertThat(www.has("private_key")).isFalse();
        assertThat(info.get("https").get(1).has("cert_name")).isFalse();
        assertThat(info.get("https").get(1).get("https_status").asInt()).isZero();
    }

    @Test
    void the_https_info_pages_by_30_unless_told_and_up_to_page_65535() {
        for (int i = 0; i < 31; i++) {
            cloud.addCdnDomain("d" + i + ".example.com");
        }

        JsonNode first = client.sendJson("GET", HTTPS_INFO, null, null);
        JsonNode last = client.sendJson("GET", HTTPS_INFO, null, null, "page_number", "65535");
        CloudServiceException beyond = client.failure("GET", HTTPS_INFO, null, null, "page_number", "65536");

        assertThat(first.get("total").asInt()).isEqualTo(31);
        assertThat(first.get("https")).hasSize(30);
        assertThat(last.get("https")).isEmpty();
        assertThat(beyond.httpStatus()).isEqualTo(400);
    }

    @Test
    void setting_a_certificate_resets_the_settings_a_call_omits_to_the_official_defaults() {
        cloud.addCdnDomain("www.example.com");
        cloud.configureCdnDomain("www.example.com", new FakeHuaweiCloud.CdnSettings("https", "https", true));

        client.send("PUT", CONFIG, null, configure("www.example.com", "www-cert", CERT, CERT.privateKeyPem()));

        assertThat(cloud.cdnSettings("www.example.com")).isEqualTo(FakeHuaweiCloud.CdnSettings.DEFAULTS);
    }

    @Test
    void setting_a_certificate_keeps_the_settings_a_call_sends() {
        cloud.addCdnDomain("www.example.com");
        ObjectNode body = (ObjectNode) CloudClient.read(configure("www.example.com", "www-cert", CERT,
                CERT.privateKeyPem()));
        ((ObjectNode) body.get("https")).put("access_origin_way", 3).put("http2", 1)
                .putObject("force_redirect_config").put("switch", 1).put("redirect_type", "https");

        client.send("PUT", CONFIG, null, CloudClient.json(body));

        assertThat(cloud.cdnSettings("www.example.com"))
                .isEqualTo(new FakeHuaweiCloud.CdnSettings("https", "https", true));
    }

    @Test
    void the_deprecated_redirect_switch_still_forces_https() {
        cloud.addCdnDomain("www.example.com");
        ObjectNode body = (ObjectNode) CloudClient.read(configure("www.example.com", "www-cert", CERT,
                CERT.privateKeyPem()));
        ((ObjectNode) body.get("https")).put("access_origin_way", 1).put("force_redirect_https", 1);

        client.send("PUT", CONFIG, null, CloudClient.json(body));

        assertThat(cloud.cdnSettings("www.example.com"))
                .isEqualTo(new FakeHuaweiCloud.CdnSettings("follow", "https", false));
    }

    @Test
    void the_full_configuration_shows_origin_protocol_redirect_and_http2() {
        cloud.addCdnDomain("www.example.com");
        cloud.configureCdnDomain("www.example.com", new FakeHuaweiCloud.CdnSettings("https", "https", true));

        JsonNode configs = client.sendJson("GET", "/v1.1/cdn/configuration/domains/www.example.com/configs", null,
                null).get("configs");

        assertThat(configs.get("origin_protocol").asText()).isEqualTo("https");
        assertThat(configs.get("force_redirect").get("status").asText()).isEqualTo("on");
        assertThat(configs.get("force_redirect").get("type").asText()).isEqualTo("https");
        assertThat(configs.get("https").get("http2_status").asText()).isEqualTo("on");
        assertThat(configs.get("https").get("https_status").asText()).isEqualTo("off");
        assertThat(configs.get("https").has("private_key")).isFalse();
    }

    @Test
    void an_unknown_or_uncovered_domain_fails_alone() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("other.example.com");

        JsonNode answer = client.sendJson("PUT", CONFIG, null, configure(
                "www.example.com,missing.example.com,other.example.com", "www-cert", CERT, CERT.privateKeyPem()));

        assertThat(answer.get("status").asText()).isEqualTo("fail");
        assertThat(answer.get("result")).extracting(r -> r.get("domain_name").asText() + "=" + r.get("status").asText())
                .containsExactly("www.example.com=success", "missing.example.com=fail", "other.example.com=fail");
        assertThat(answer.get("result").get(1).get("reason").asText()).contains("does not exist");
        assertThat(cloud.certificates("cdn", null)).extracting(RemoteCertificate::id).containsExactly("www.example.com");
    }

    @Test
    void more_than_50_domains_in_one_call_is_refused() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            names.add("d" + i + ".example.com");
        }

        CloudServiceException e = client.failure("PUT", CONFIG, null,
                configure(String.join(",", names), "many", CERT, CERT.privateKeyPem()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("CDN.0005");
    }

    @Test
    void a_mismatched_key_is_refused_in_the_nested_envelope() {
        cloud.addCdnDomain("www.example.com");
        CloudClient.Reply reply = client.raw("PUT", CONFIG, null,
                configure("www.example.com", "www-cert", CERT, OTHER.privateKeyPem()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").get("error_code").asText()).isEqualTo("CDN.0002");
        assertThat(reply.json().get("error").get("error_msg").asText()).contains("private_key");
        assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{32}");
        assertThat(cloud.certificates("cdn", null)).isEmpty();
    }

    @Test
    void switching_https_off_removes_the_certificate() {
        cloud.addCdnDomain("www.example.com");
        client.send("PUT", CONFIG, null, configure("www.example.com", "www-cert", CERT, CERT.privateKeyPem()));

        client.send("PUT", CONFIG, null, "{\"https\":{\"domain_name\":\"www.example.com\",\"https_switch\":0}}");

        assertThat(cloud.certificates("cdn", null)).isEmpty();
    }

    @Test
    void a_disabled_cdn_refuses_every_call() {
        cloud.disableService("cdn", null);

        CloudServiceException e = client.failure("GET", DOMAINS, null, null);

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("CDN.0004");
    }

    @Test
    void global_calls_carry_the_accounts_domain_id() {
        client.send("GET", DOMAINS, null, null);

        assertThat(cloud.requests()).singleElement()
                .satisfies(r -> assertThat(r.headers().get("x-domain-id")).containsExactly(
                        cloud.credentials().domainId().orElseThrow()));
    }
}
