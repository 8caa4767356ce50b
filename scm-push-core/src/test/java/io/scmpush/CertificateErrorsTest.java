package io.scmpush;

import static io.scmpush.internal.pem.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scmpush.internal.pem.PemFixtures;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every {@link InvalidCertificateException} code, each next to the valid input it is a broken copy of. */
class CertificateErrorsTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final int ONE_MIB = 1 << 20;

    private static final TestCertificates.Generated VALID = TestCertificates.builder().build();

    @Nested
    class InputTooLarge {
        @Test
        void a_certificate_input_of_exactly_1_mib_is_read() {
            String padded = VALID.certificatePem() + "#".repeat(ONE_MIB - VALID.certificatePem().length());

            assertThat(Certificate.builder().certificatePem(padded).build().leaf()).isEqualTo(VALID.leaf());
        }

        @Test
        void a_certificate_input_over_1_mib_is_refused_before_it_is_parsed() {
            String tooLarge = "x".repeat(ONE_MIB + 1); // not PEM at all: size is checked first

            assertCode(Certificate.builder().certificatePem(tooLarge), CertificateCodes.INPUT_TOO_LARGE)
                    .hasMessageContaining("1048577").hasMessageContaining("1048576");
        }

        @Test
        void a_key_input_over_1_mib_is_refused_before_it_is_parsed() {
            String tooLarge = VALID.privateKeyPem() + " ".repeat(ONE_MIB);

            assertCode(builder().privateKeyPem(tooLarge), CertificateCodes.INPUT_TOO_LARGE).hasMessageContaining("private key");
        }
    }

    @Nested
    class NoCertificate {
        @ParameterizedTest
        @ValueSource(strings = {"", "   \n", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"})
        void an_input_without_pem_blocks_has_no_certificate(String input) {
            assertCode(Certificate.builder().certificatePem(input), CertificateCodes.NO_CERTIFICATE)
                    .hasMessageContaining("-----BEGIN CERTIFICATE-----");
        }

        @Test
        void pem_flattened_onto_one_line_has_no_certificate_and_the_message_says_what_happened() {
            String flattened = VALID.certificatePem().replace("\n", "\\n");

            assertCode(Certificate.builder().certificatePem(flattened), CertificateCodes.NO_CERTIFICATE)
                    .hasMessageContaining("restore the line breaks");
        }

        @Test
        void a_key_given_as_the_certificate_has_no_certificate_and_the_message_never_shows_the_key() {
            assertCode(Certificate.builder().certificatePem(VALID.privateKeyPem()), CertificateCodes.NO_CERTIFICATE)
                    .hasMessageContaining("PRIVATE KEY").satisfies(e -> assertNoKeyMaterial(e, VALID.privateKeyPem()));
        }

        @Test
        void other_pem_types_alone_have_no_certificate_and_are_named() {
            String csrAndCrl = block("CERTIFICATE REQUEST", "MAA=") + block("X509 CRL", "MAA=");

            assertCode(Certificate.builder().certificatePem(csrAndCrl), CertificateCodes.NO_CERTIFICATE)
                    .hasMessageContaining("CERTIFICATE REQUEST, X509 CRL");
        }

        @Test
        void other_pem_types_next_to_a_certificate_are_ignored() {
            String withExtras = block("X509 CRL", "MAA=") + VALID.certificatePem() + block("ECHCONFIG", "AD7+");

            assertThat(Certificate.builder().certificatePem(withExtras).build().leaf()).isEqualTo(VALID.leaf());
        }
    }

    @Nested
    class PemMalformed {
        @Test
        void a_block_without_its_end_line_is_malformed() {
            String truncated = VALID.certificatePem().substring(0, VALID.certificatePem().indexOf("-----END"));

            assertCode(Certificate.builder().certificatePem(truncated), CertificateCodes.PEM_MALFORMED).hasMessageContaining("line 1");
        }

        @Test
        void a_block_ending_with_another_label_is_malformed() {
            String mislabeled = VALID.certificatePem().replaceFirst("-----END CERTIFICATE-----", "-----END X509 CRL-----");

            assertCode(Certificate.builder().certificatePem(mislabeled), CertificateCodes.PEM_MALFORMED);
        }

        @Test
        void a_certificate_body_that_is_not_base64_is_malformed() {
            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", "MIIB*not-base64*")), CertificateCodes.PEM_MALFORMED)
                    .hasMessageContaining("base64");
        }

        @Test
        void a_corrupt_outer_tag_is_malformed_although_lenient_parsers_read_it() {
            byte[] der = der(VALID.leaf());
            der[0] = 0x3F; // the high-tag-number form OpenSSL's test_cert_28424 uses

            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", der)), CertificateCodes.PEM_MALFORMED)
                    .hasMessageContaining("0x3F");
        }

        @Test
        void bytes_after_the_certificate_are_malformed() {
            byte[] der = der(VALID.leaf());
            byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);

            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", longer)), CertificateCodes.PEM_MALFORMED)
                    .hasMessageContaining("2 bytes after");
        }

        @Test
        void a_truncated_certificate_is_malformed() {
            byte[] der = der(VALID.leaf());

            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", java.util.Arrays.copyOf(der, der.length - 10))),
                    CertificateCodes.PEM_MALFORMED).hasMessageContaining("truncated");
        }

        @Test
        void a_sequence_that_is_not_a_certificate_is_malformed() {
            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})),
                    CertificateCodes.PEM_MALFORMED).hasMessageContaining("X.509");
        }

        @Test
        void deeply_nested_asn1_is_malformed_and_does_not_overflow_the_stack() {
            assertCode(Certificate.builder().certificatePem(block("CERTIFICATE", nested(100_000))), CertificateCodes.PEM_MALFORMED);
        }
    }

    @Nested
    class KeyMalformed {
        @Test
        void a_key_body_that_is_not_a_key_is_malformed() {
            assertCode(builder().privateKeyPem(block("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})),
                    CertificateCodes.KEY_MALFORMED);
        }

        @Test
        void a_key_body_that_is_not_base64_is_malformed() {
            assertCode(builder().privateKeyPem(block("PRIVATE KEY", "MII?")), CertificateCodes.KEY_MALFORMED)
                    .hasMessageContaining("base64");
        }

        @Test
        void a_key_input_without_a_key_is_malformed() {
            assertCode(builder().privateKeyPem(VALID.certificatePem()), CertificateCodes.KEY_MALFORMED)
                    .hasMessageContaining("no private key");
            assertCode(builder().privateKeyPem(""), CertificateCodes.KEY_MALFORMED).hasMessageContaining("no PEM block");
        }

        @Test
        void a_key_input_with_two_keys_is_malformed() {
            assertCode(builder().privateKeyPem(VALID.privateKeyPem() + VALID.privateKeyPem()), CertificateCodes.KEY_MALFORMED)
                    .hasMessageContaining("2 private keys");
        }

        @Test
        void an_rsa_key_whose_primes_do_not_make_its_modulus_is_malformed() throws Exception {
            RSAPrivateKey real = RSAPrivateKey.getInstance(PrivateKeyInfo.getInstance(
                    Base64.getDecoder().decode(body(VALID.privateKeyPem()))).parsePrivateKey());
            RSAPrivateKey forged = new RSAPrivateKey(real.getModulus(), real.getPublicExponent(), real.getPrivateExponent(),
                    real.getPrime1().add(BigInteger.TWO), real.getPrime2(), real.getExponent1(), real.getExponent2(),
                    real.getCoefficient());
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), forged);

            assertCode(builder().privateKeyPem(block("PRIVATE KEY", info.getEncoded())), CertificateCodes.KEY_MALFORMED)
                    .hasMessageContaining("primes");
        }

        @Test
        void an_rsa_key_whose_private_exponent_is_not_its_own_is_malformed_although_its_public_half_matches()
                throws Exception {
            RSAPrivateKey real = RSAPrivateKey.getInstance(PrivateKeyInfo.getInstance(
                    Base64.getDecoder().decode(body(VALID.privateKeyPem()))).parsePrivateKey());
            RSAPrivateKey forged = new RSAPrivateKey(real.getModulus(), real.getPublicExponent(),
                    real.getPrivateExponent().add(BigInteger.ONE), real.getPrime1(), real.getPrime2(), real.getExponent1(),
                    real.getExponent2(), real.getCoefficient());
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), forged);

            assertCode(builder().privateKeyPem(block("PRIVATE KEY", info.getEncoded())), CertificateCodes.KEY_MALFORMED)
                    .hasMessageContaining("private exponents");
        }

        @Test
        void an_ec_key_that_does_not_name_its_curve_is_malformed() {
            KeyPair keys = PemFixtures.keyPair("EC");
            String withoutCurve = pem(keys.getPrivate()); // what BouncyCastle writes for a JDK key: no parameters

            assertCode(Certificate.builder().certificatePem(pem(selfSigned(keys))).privateKeyPem(withoutCurve),
                    CertificateCodes.KEY_MALFORMED).hasMessageContaining("curve");
        }

        @Test
        void deeply_nested_asn1_in_a_key_is_malformed_and_does_not_overflow_the_stack() {
            assertCode(builder().privateKeyPem(block("PRIVATE KEY", nested(100_000))), CertificateCodes.KEY_MALFORMED);
        }
    }

    @Nested
    class KeyEncrypted {
        @Test
        void an_encrypted_pkcs8_key_without_a_password_asks_for_one() {
            String encrypted = PemFixtures.encryptedPkcs8(PemFixtures.keyPair("RSA").getPrivate(), PASSWORD);

            assertCode(builder().privateKeyPem(encrypted), CertificateCodes.KEY_ENCRYPTED).hasMessageContaining("password");
        }

        @Test
        void a_legacy_encrypted_key_without_a_password_asks_for_one() {
            String encrypted = PemFixtures.legacyEncrypted(PemFixtures.keyPair("RSA").getPrivate(), PASSWORD);

            assertCode(builder().privateKeyPem(encrypted), CertificateCodes.KEY_ENCRYPTED);
        }
    }

    @Nested
    class KeyPasswordWrong {
        @Test
        void an_encrypted_pkcs8_key_with_a_wrong_password_says_so() {
            KeyPair keys = PemFixtures.keyPair("RSA");
            String encrypted = PemFixtures.encryptedPkcs8(keys.getPrivate(), PASSWORD);

            assertCode(Certificate.builder().certificatePem(pem(selfSigned(keys)))
                    .privateKeyPem(encrypted, "wrong".toCharArray()), CertificateCodes.KEY_PASSWORD_WRONG)
                    .hasMessageNotContaining("wrong\"").hasMessageNotContaining("correct horse");
        }

        @Test
        void a_legacy_encrypted_key_with_a_wrong_password_says_so() {
            KeyPair keys = PemFixtures.keyPair("RSA");
            String encrypted = PemFixtures.legacyEncrypted(keys.getPrivate(), PASSWORD);

            assertCode(Certificate.builder().certificatePem(pem(selfSigned(keys)))
                    .privateKeyPem(encrypted, "wrong".toCharArray()), CertificateCodes.KEY_PASSWORD_WRONG);
        }
    }

    @Nested
    class UnsupportedKey {
        @ParameterizedTest
        @ValueSource(strings = {"DSA", "Ed25519", "X25519", "DH"})
        void a_private_key_of_a_type_no_service_takes_is_unsupported(String algorithm) {
            String key = PemFixtures.pkcs8(PemFixtures.keyPair(algorithm).getPrivate());

            assertCode(builder().privateKeyPem(key), CertificateCodes.UNSUPPORTED_KEY).hasMessageContaining("RSA")
                    .hasMessageContaining("P-256");
        }

        @Test
        void an_ec_key_on_a_curve_other_than_the_nist_ones_is_unsupported() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
            generator.initialize(new ECGenParameterSpec("secp256k1"));

            assertCode(builder().privateKeyPem(PemFixtures.pkcs8(generator.generateKeyPair().getPrivate())),
                    CertificateCodes.UNSUPPORTED_KEY).hasMessageContaining("secp256k1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Ed25519", "DSA", "X25519"})
        void a_certificate_for_a_key_no_service_takes_is_unsupported_even_without_the_key(String algorithm) {
            KeyPair issuer = PemFixtures.keyPair("EC");
            X509Certificate leaf = PemFixtures.issue("CN=odd.example.com", PemFixtures.keyPair(algorithm).getPublic(),
                    "CN=Odd CA", issuer, false, "odd.example.com");

            assertCode(Certificate.builder().certificatePem(pem(leaf)), CertificateCodes.UNSUPPORTED_KEY)
                    .hasMessageContaining("CN=odd.example.com");
        }

        @Test
        void a_key_encrypted_with_an_unreasonable_key_derivation_cost_is_refused_without_deriving() throws Exception {
            String encrypted = PemFixtures.encryptedPkcs8(PemFixtures.keyPair("RSA").getPrivate(), PASSWORD);
            EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(Base64.getDecoder().decode(body(encrypted)));
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
            PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
            PBKDF2Params costly = new PBKDF2Params(pbkdf2.getSalt(), 2_000_000_000, pbkdf2.getPrf());
            EncryptedPrivateKeyInfo tampered = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(
                            new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, costly), pbes2.getEncryptionScheme())),
                    info.getEncryptedData());

            long started = System.nanoTime();
            assertCode(builder().privateKeyPem(block("ENCRYPTED PRIVATE KEY", tampered.getEncoded()), PASSWORD),
                    CertificateCodes.UNSUPPORTED_KEY).hasMessageContaining("key-derivation cost");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
        }

        @Test
        void an_openssh_key_is_unsupported_with_the_command_that_converts_it() {
            assertCode(builder().privateKeyPem(block("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA")),
                    CertificateCodes.UNSUPPORTED_KEY).hasMessageContaining("ssh-keygen");
        }
    }

    @Nested
    class KeyMismatch {
        @Test
        void another_rsa_key_does_not_match_and_the_message_names_the_certificate() {
            String otherKey = TestCertificates.builder().build().privateKeyPem();

            assertCode(builder().privateKeyPem(otherKey), CertificateCodes.KEY_MISMATCH)
                    .hasMessage("the private key (RSA 2048) does not match the certificate CN=www.example.com (RSA 2048); "
                            + "pass the key that was generated with its CSR")
                    .satisfies(e -> assertNoKeyMaterial(e, otherKey));
        }

        @Test
        void another_ec_key_on_the_same_curve_does_not_match() {
            TestCertificates.Generated ec = TestCertificates.builder().ec().build();

            assertCode(Certificate.builder().certificatePem(ec.certificatePem())
                    .privateKeyPem(TestCertificates.builder().ec().build().privateKeyPem()), CertificateCodes.KEY_MISMATCH)
                    .hasMessageContaining("(EC P-256) does not match").hasMessageEndingWith("(EC P-256); pass the key "
                            + "that was generated with its CSR");
        }

        @Test
        void a_key_of_another_type_does_not_match() {
            TestCertificates.Generated ec = TestCertificates.builder().ec().build();

            assertCode(Certificate.builder().certificatePem(ec.certificatePem()).privateKeyPem(VALID.privateKeyPem()),
                    CertificateCodes.KEY_MISMATCH).hasMessageContaining("private key (RSA 2048)").hasMessageContaining("(EC P-256)");
        }

        @Test
        void the_key_of_an_intermediate_does_not_match_the_leaf() {
            PemFixtures.Chain chain = PemFixtures.threeLevelChain();
            KeyPair other = PemFixtures.keyPair("RSA");

            assertCode(Certificate.builder().certificatePem(chain.leafFirstPem())
                    .privateKeyPem(PemFixtures.pkcs8(other.getPrivate())), CertificateCodes.KEY_MISMATCH);
            assertThat(Certificate.builder().certificatePem(chain.leafFirstPem())
                    .privateKeyPem(PemFixtures.pkcs8(chain.leafKeys().getPrivate())).build().hasPrivateKey()).isTrue();
        }
    }

    private Certificate.Builder builder() {
        return Certificate.builder().certificatePem(VALID.certificatePem());
    }

    private static X509Certificate selfSigned(KeyPair keys) {
        return PemFixtures.issue("CN=self.example.com", keys.getPublic(), "CN=self.example.com", keys, false);
    }

    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertCode(Certificate.Builder builder,
            String code) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).isInstanceOf(InvalidCertificateException.class);
        assertThat(((InvalidCertificateException) thrown).code()).as(thrown.getMessage()).isEqualTo(code);
        return assertThat(thrown);
    }

    private static void assertNoKeyMaterial(Throwable e, String keyPem) {
        for (String line : body(keyPem).split("(?<=\\G.{16})")) {
            assertThat(e.getMessage()).doesNotContain(line);
        }
    }

    private static String body(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----|\\s", "");
    }

    private static String block(String label, String base64) {
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static String block(String label, byte[] der) {
        return pem(new PemObject(label, der));
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A DER SEQUENCE (so that it passes the outer framing check) holding a SEQUENCE inside a SEQUENCE,
     * {@code depth} times, in BER's compact indefinite-length form.
     */
    private static byte[] nested(int depth) {
        int inner = depth * 4;
        byte[] der = new byte[6 + inner];
        der[0] = 0x30;
        der[1] = (byte) 0x84;
        der[2] = (byte) (inner >>> 24);
        der[3] = (byte) (inner >>> 16);
        der[4] = (byte) (inner >>> 8);
        der[5] = (byte) inner;
        for (int i = 0; i < depth; i++) {
            der[6 + 2 * i] = 0x30;
            der[6 + 2 * i + 1] = (byte) 0x80;
        }
        return der; // the trailing zeros are the end-of-contents octets
    }
}
