package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateBuildTest {

    @Test
    void an_rsa_chain_with_its_pkcs8_key_builds() {
        TestCertificates.Generated generated = TestCertificates.builder().domains("www.example.com", "example.com").build();

        Certificate certificate = generated.toCertificate();

        assertThat(certificate.leaf()).isEqualTo(generated.leaf());
        assertThat(certificate.chain()).hasSize(2);
        assertThat(certificate.domains()).containsExactly("www.example.com", "example.com");
        assertThat(certificate.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(certificate.name()).isEqualTo("www.example.com-" + certificate.fingerprint().substring(0, 8));
        assertThat(certificate.privateKeyPem()).hasValueSatisfying(k -> assertThat(k).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void an_ec_chain_with_its_pkcs8_key_builds() {
        Certificate certificate = TestCertificates.builder().ec().build().toCertificate();

        assertThat(certificate.hasPrivateKey()).isTrue();
        assertThat(certificate.domains()).containsExactly("www.example.com");
    }
}
