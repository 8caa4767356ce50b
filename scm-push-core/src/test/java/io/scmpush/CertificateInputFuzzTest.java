package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scmpush.internal.pem.PemFixtures;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Whatever bytes arrive, {@code build()} ends in a certificate or an {@link InvalidCertificateException}
 * with one of its codes: never a parser's own exception, an {@code ArithmeticException} or a stack overflow.
 */
class CertificateInputFuzzTest {
    private static final Set<String> CODES = Set.of("PEM_MALFORMED", "NO_CERTIFICATE", "KEY_MALFORMED", "KEY_MISMATCH",
            "KEY_ENCRYPTED", "KEY_PASSWORD_WRONG", "UNSUPPORTED_KEY", "CHAIN_INVALID", "INPUT_TOO_LARGE");
    private static final char[] PASSWORD = "fuzz".toCharArray();

    private static final TestCertificates.Generated RSA = TestCertificates.builder().build();
    private static final TestCertificates.Generated EC = TestCertificates.builder().ec().includeCa(false).build();
    private static final byte[] EC_LEAF_DER = der(EC.certificatePem());
    private static final KeyPair EC_KEYS = PemFixtures.keyPair("EC");
    private static final byte[] LEAF_DER = der(RSA.certificatePem());
    private static final byte[] RSA_KEY_DER = der(RSA.privateKeyPem());
    private static final byte[] EC_KEY_DER = der(PemFixtures.pkcs8(EC_KEYS.getPrivate()));
    private static final byte[] ENCRYPTED_KEY_DER = der(PemFixtures.encryptedPkcs8(EC_KEYS.getPrivate(), PASSWORD));

    @Property(tries = 300)
    void a_corrupted_leaf_certificate_builds_or_fails_with_a_code(@ForAll("corruptedLeaves") byte[] leaf) {
        String chain = pem("CERTIFICATE", leaf) + RSA.caCertificatePem();

        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(chain).privateKeyPem(RSA.privateKeyPem()));
    }

    @Property(tries = 300)
    void a_leaf_with_a_corrupted_public_key_builds_or_fails_with_a_code(@ForAll("leavesWithCorruptedKeys") byte[] leaf) {
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(pem("CERTIFICATE", leaf))
                .privateKeyPem(EC.privateKeyPem()));
    }

    @Property(tries = 200)
    void a_corrupted_rsa_key_builds_or_fails_with_a_code(@ForAll("corruptedRsaKeys") byte[] key) {
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                .privateKeyPem(pem("PRIVATE KEY", key)));
    }

    @Property(tries = 200)
    void a_corrupted_ec_key_builds_or_fails_with_a_code(@ForAll("corruptedEcKeys") byte[] key) {
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                .privateKeyPem(pem("PRIVATE KEY", key)));
    }

    @Property(tries = 100)
    void a_corrupted_encrypted_key_builds_or_fails_with_a_code(@ForAll("corruptedEncryptedKeys") byte[] key) {
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                .privateKeyPem(pem("ENCRYPTED PRIVATE KEY", key), PASSWORD));
    }

    @Property(tries = 200)
    void any_text_builds_or_fails_with_a_code(@ForAll("pemLikeText") String text) {
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(text));
        assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem()).privateKeyPem(text));
    }

    @Provide
    Arbitrary<byte[]> corruptedLeaves() {
        return corrupted(LEAF_DER);
    }

    /** The EC leaf with one byte of its SubjectPublicKeyInfo (algorithm, curve or point) replaced. */
    @Provide
    Arbitrary<byte[]> leavesWithCorruptedKeys() {
        byte[] spki = EC.leaf().getPublicKey().getEncoded();
        int start = indexOf(EC_LEAF_DER, spki);
        return Combinators.combine(Arbitraries.integers().between(start, start + spki.length - 1), Arbitraries.bytes())
                .as((at, value) -> replaced(EC_LEAF_DER, at, value));
    }

    @Provide
    Arbitrary<byte[]> corruptedRsaKeys() {
        return corrupted(RSA_KEY_DER);
    }

    @Provide
    Arbitrary<byte[]> corruptedEcKeys() {
        return corrupted(EC_KEY_DER);
    }

    @Provide
    Arbitrary<byte[]> corruptedEncryptedKeys() {
        return corrupted(ENCRYPTED_KEY_DER);
    }

    /** Text made of PEM fragments, base64 and noise, so that the block scanner sees every kind of edge. */
    @Provide
    Arbitrary<String> pemLikeText() {
        Arbitrary<String> fragments = Arbitraries.of("-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----",
                "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
                "-----END RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,00", "\n", "\r\n",
                "MIIB", "MAA=", "====", "-----", ":", " ");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.oneOf(fragments, noise).list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    /** One byte replaced (anywhere, or in the DER headers near the start), or the tail cut off. */
    private static Arbitrary<byte[]> corrupted(byte[] der) {
        Arbitrary<byte[]> replacedAnywhere = Combinators.combine(Arbitraries.integers().between(0, der.length - 1),
                Arbitraries.bytes()).as((at, value) -> replaced(der, at, value));
        Arbitrary<byte[]> replacedInHeaders = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.bytes()).as((at, value) -> replaced(der, at, value));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, der.length - 1).map(n -> Arrays.copyOf(der, n));
        return Arbitraries.oneOf(replacedAnywhere, replacedInHeaders, truncated);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] replaced(byte[] der, int at, byte value) {
        byte[] copy = der.clone();
        copy[at] = value;
        return copy;
    }

    private static void assertBuildsOrFailsWithACode(Certificate.Builder builder) {
        Throwable thrown = catchThrowable(builder::build);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidCertificateException.class);
            assertThat(((InvalidCertificateException) thrown).code()).isIn(CODES);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    private static String pem(String label, byte[] der) {
        return PemFixtures.pem(new PemObject(label, der));
    }

    private static byte[] der(String pem) {
        String firstBlock = pem.substring(0, pem.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(firstBlock.replaceAll("-----BEGIN [A-Z ]+-----", ""));
    }
}
