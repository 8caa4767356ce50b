package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The scan that backs "leaks found: 0" does find a leak in each form it claims to look for. */
class SecretsWatchTest {
    private final Certificate certificate = TestCertificates.builder().ec().build().toCertificate();
    private final String pem = certificate.privateKeyPem().orElseThrow();
    private final String body = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
    /** PKCS#8 of a P-256 key: the 32-byte private scalar starts at byte 36. */
    private final byte[] der = Base64.getDecoder().decode(body);
    private final SecretsWatch watch = new SecretsWatch();

    SecretsWatchTest() {
        watch.privateKeyOf(certificate);
        watch.secret("the secret key", "sk-0123456789abcdef");
    }

    @Test
    void a_private_key_is_found_as_pem_as_16_base64_chars_as_raw_bytes_and_as_hex() {
        assertThat(watch.find("key: " + pem, "test")).isNotEmpty();
        assertThat(watch.find("...\"" + body.substring(50, 66) + "\"...", "test")).isNotEmpty();
        assertThat(watch.find("<" + new String(der, 40, 16, StandardCharsets.ISO_8859_1) + ">", "test")).isNotEmpty();
        assertThat(watch.find("0x" + HexFormat.of().formatHex(der, 40, 56), "test")).isNotEmpty();
    }

    @Test
    void a_secret_key_is_found_as_it_is() {
        assertThat(watch.find("signed with sk-0123456789abcdef", "test")).singleElement().asString()
                .contains("the secret key").doesNotContain("sk-0123456789abcdef");
    }

    @Test
    void the_public_certificate_and_fewer_than_16_chars_of_the_key_are_not_leaks() {
        assertThat(watch.find(certificate.certificatePem() + certificate, "test")).isEmpty();
        assertThat(watch.find(body.substring(50, 65), "test")).isEmpty();
    }
}
