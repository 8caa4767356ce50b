package io.scmpush;

import static io.scmpush.internal.pem.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.internal.pem.PemFixtures;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CertificateTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();

    @Test
    void a_chain_with_its_key_gives_the_leaf_its_domains_fingerprint_and_a_content_addressed_name() throws Exception {
        TestCertificates.Generated generated = TestCertificates.builder().domains("www.example.com", "example.com").build();

        Certificate certificate = generated.toCertificate();

        String fingerprint = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(generated.leaf().getEncoded()));
        assertThat(certificate.leaf()).isEqualTo(generated.leaf());
        assertThat(certificate.chain()).hasSize(2);
        assertThat(certificate.fingerprint()).isEqualTo(fingerprint);
        assertThat(certificate.domains()).containsExactly("www.example.com", "example.com");
        assertThat(certificate.name()).isEqualTo("www.example.com-" + fingerprint.substring(0, 8));
        assertThat(certificate.notAfter()).isEqualTo(generated.leaf().getNotAfter().toInstant());
        assertThat(certificate.hasPrivateKey()).isTrue();
    }

    @Test
    void the_certificate_pem_is_the_chain_leaf_first_and_nothing_else() {
        PemFixtures.Chain chain = PemFixtures.threeLevelChain();
        String input = "issued by our CA, see the portal\n" + pem(chain.root()) + pem(chain.leaf())
                + PemFixtures.pkcs8(chain.leafKeys().getPrivate()) + pem(chain.intermediate()) + "-- end of bundle";

        Certificate certificate = Certificate.builder().certificatePem(input).build();

        assertThat(certificate.certificatePem()).isEqualTo(chain.leafFirstPem());
        assertThat(certificate.certificatePem()).doesNotContain("PRIVATE KEY").doesNotContain("portal");
        assertThat(certificate.chain()).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    }

    @Test
    void windows_line_endings_and_repeated_certificates_are_accepted() {
        PemFixtures.Chain chain = PemFixtures.threeLevelChain();
        String input = (chain.leafFirstPem() + pem(chain.intermediate())).replace("\n", "\r\n");

        Certificate certificate = Certificate.builder().certificatePem(input).build();

        assertThat(certificate.chain()).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    }

    @Test
    void a_certificate_alone_builds_without_a_key_for_ca_and_manual_csr_uses() {
        Certificate certificate = Certificate.builder()
                .certificatePem(TestCertificates.builder().build().caCertificatePem()).build();

        assertThat(certificate.hasPrivateKey()).isFalse();
        assertThat(certificate.privateKeyPem()).isEmpty();
        assertThat(certificate.chain()).hasSize(1);
    }

    @Test
    void a_file_holding_the_certificate_and_its_key_serves_as_both_inputs() {
        TestCertificates.Generated generated = TestCertificates.builder().build();
        String combined = generated.certificatePem() + generated.privateKeyPem();

        Certificate certificateOnly = Certificate.builder().certificatePem(combined).build();
        Certificate withKey = Certificate.builder().certificatePem(combined).privateKeyPem(combined).build();

        assertThat(certificateOnly.hasPrivateKey()).isFalse();
        assertThat(certificateOnly.certificatePem()).doesNotContain("PRIVATE KEY");
        assertThat(withKey.privateKeyPem()).hasValue(generated.privateKeyPem());
    }

    @Test
    void a_pkcs1_rsa_key_comes_out_as_unencrypted_pkcs8() throws Exception {
        KeyPair keys = PemFixtures.keyPair("RSA");
        X509Certificate leaf = selfSigned(keys);
        String pkcs1 = pem(keys.getPrivate());
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        Certificate certificate = Certificate.builder().certificatePem(pem(leaf)).privateKeyPem(pkcs1).build();

        assertSameKey(readPkcs8(certificate, "RSA"), keys.getPrivate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void a_sec1_ec_key_on_each_pushable_curve_comes_out_as_unencrypted_pkcs8(String curve) throws Exception {
        KeyPair keys = PemFixtures.ec(curve);
        String sec1 = PemFixtures.sec1(keys);
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");

        Certificate certificate = Certificate.builder().certificatePem(pem(selfSigned(keys))).privateKeyPem(sec1).build();

        assertSameKey(readPkcs8(certificate, "EC"), keys.getPrivate());
    }

    @Test
    void an_encrypted_pkcs8_key_opens_with_its_password_and_comes_out_unencrypted() throws Exception {
        KeyPair keys = PemFixtures.keyPair("RSA");

        Certificate certificate = Certificate.builder().certificatePem(pem(selfSigned(keys)))
                .privateKeyPem(PemFixtures.encryptedPkcs8(keys.getPrivate(), PASSWORD), PASSWORD).build();

        assertThat(certificate.privateKeyPem()).hasValueSatisfying(k -> assertThat(k).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertSameKey(readPkcs8(certificate, "RSA"), keys.getPrivate());
    }

    @Test
    void a_pkcs8_key_encrypted_with_the_older_pkcs12_triple_des_scheme_opens_with_its_password() throws Exception {
        KeyPair keys = PemFixtures.keyPair("EC");

        Certificate certificate = Certificate.builder().certificatePem(pem(selfSigned(keys)))
                .privateKeyPem(PemFixtures.encryptedPkcs8(keys.getPrivate(), PASSWORD,
                        org.bouncycastle.openssl.PKCS8Generator.PBE_SHA1_3DES), PASSWORD).build();

        assertSameKey(readPkcs8(certificate, "EC"), keys.getPrivate());
    }

    @Test
    void a_legacy_openssl_encrypted_key_opens_with_its_password() throws Exception {
        KeyPair keys = PemFixtures.keyPair("RSA");
        String legacy = PemFixtures.legacyEncrypted(keys.getPrivate(), PASSWORD);
        assertThat(legacy).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: AES-256-CBC,");

        Certificate certificate = Certificate.builder().certificatePem(pem(selfSigned(keys)))
                .privateKeyPem(legacy, PASSWORD).build();

        assertSameKey(readPkcs8(certificate, "RSA"), keys.getPrivate());
    }

    @Test
    void the_password_given_to_the_builder_is_copied_so_the_caller_may_wipe_it() {
        KeyPair keys = PemFixtures.keyPair("RSA");
        char[] password = PASSWORD.clone();
        Certificate.Builder builder = Certificate.builder().certificatePem(pem(selfSigned(keys)))
                .privateKeyPem(PemFixtures.encryptedPkcs8(keys.getPrivate(), PASSWORD), password);
        java.util.Arrays.fill(password, '\0');

        assertThat(builder.build().hasPrivateKey()).isTrue();
    }

    @Test
    void domains_are_the_dns_names_in_order_without_duplicates() {
        KeyPair keys = PemFixtures.keyPair("EC");
        X509Certificate leaf = PemFixtures.issue("CN=shop.example.com", keys.getPublic(), "CN=shop.example.com", keys,
                false, "shop.example.com", "*.shop.example.com", "SHOP.example.com", "api.example.com");

        Certificate certificate = Certificate.builder().certificatePem(pem(leaf)).build();

        assertThat(certificate.domains()).containsExactly("shop.example.com", "*.shop.example.com", "api.example.com");
    }

    @Test
    void without_dns_names_the_domains_are_the_common_name() {
        Certificate certificate = Certificate.builder()
                .certificatePem(pem(certificateFor("CN=legacy.example.com,O=Example"))).build();

        assertThat(certificate.domains()).containsExactly("legacy.example.com");
    }

    @Test
    void without_dns_names_or_common_name_there_are_no_domains_and_the_name_still_works() {
        Certificate certificate = Certificate.builder().certificatePem(pem(certificateFor("O=Example Corp"))).build();

        assertThat(certificate.domains()).isEmpty();
        assertThat(certificate.name()).isEqualTo("certificate-" + certificate.fingerprint().substring(0, 8));
    }

    @Test
    void the_default_name_spells_out_a_wildcard_and_replaces_other_characters() {
        Certificate wildcard = Certificate.builder().certificatePem(pem(certificateFor("CN=*.example.com"))).build();
        Certificate spaced = Certificate.builder().certificatePem(pem(certificateFor("CN=Shop (EU) / prod"))).build();
        Certificate chinese = Certificate.builder().certificatePem(pem(certificateFor("CN=中文证书"))).build();

        assertThat(wildcard.name()).isEqualTo("wildcard.example.com-" + wildcard.fingerprint().substring(0, 8));
        assertThat(spaced.name()).isEqualTo("Shop-EU-prod-" + spaced.fingerprint().substring(0, 8));
        assertThat(chinese.name()).isEqualTo("certificate-" + chinese.fingerprint().substring(0, 8));
    }

    @Test
    void a_long_common_name_is_cut_so_that_the_name_keeps_its_fingerprint_within_63_characters() {
        String cn = "a-very-long-host-name-that-goes-on.and-on.and-on.example.com";
        Certificate certificate = Certificate.builder().certificatePem(pem(certificateFor("CN=" + cn))).build();

        assertThat(certificate.name()).hasSizeLessThanOrEqualTo(63).matches("[A-Za-z0-9_.-]{3,63}")
                .startsWith(cn.substring(0, 40)).endsWith("-" + certificate.fingerprint().substring(0, 8));
    }

    @Test
    void a_name_given_to_the_builder_replaces_the_default() {
        Certificate certificate = TestCertificates.builder().build().toCertificate();
        Certificate named = Certificate.builder().certificatePem(certificate.certificatePem()).name("shop_prod.2025")
                .build();

        assertThat(named.name()).isEqualTo("shop_prod.2025");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "shop prod", "shop/prod", "ünicode", "a123456789b123456789c123456789d123456789e123456789f123456789g123"})
    void a_name_outside_3_to_63_safe_characters_is_refused_at_the_call(String name) {
        Certificate.Builder builder = Certificate.builder()
                .certificatePem(TestCertificates.builder().build().certificatePem());

        assertThatThrownBy(() -> builder.name(name)).as("refused at the call").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_names_the_certificate_but_never_shows_the_key() {
        TestCertificates.Generated generated = TestCertificates.builder().build();
        Certificate certificate = generated.toCertificate();
        String keyBody = generated.privateKeyPem().lines().skip(1).findFirst().orElseThrow();

        assertThat(certificate.toString()).contains(certificate.name()).contains("privateKey=present")
                .doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
    }

    private static X509Certificate selfSigned(KeyPair keys) {
        return PemFixtures.issue("CN=self.example.com", keys.getPublic(), "CN=self.example.com", keys, false,
                "self.example.com");
    }

    private static X509Certificate certificateFor(String subject) {
        KeyPair keys = PemFixtures.keyPair("EC");
        return PemFixtures.issue(subject, keys.getPublic(), subject, keys, false);
    }

    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        if (expected instanceof RSAPrivateKey rsa) {
            assertThat(((RSAPrivateKey) actual).getModulus()).isEqualTo(rsa.getModulus());
            assertThat(((RSAPrivateKey) actual).getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
        } else {
            ECPrivateKey ec = (ECPrivateKey) expected;
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(ec.getS());
            assertThat(((ECPrivateKey) actual).getParams().getOrder()).isEqualTo(ec.getParams().getOrder());
        }
    }

    private static PrivateKey readPkcs8(Certificate certificate, String algorithm) throws Exception {
        String pem = certificate.privateKeyPem().orElseThrow();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
