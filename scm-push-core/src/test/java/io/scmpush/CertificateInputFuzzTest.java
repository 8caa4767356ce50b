package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.scmpush.internal.pem.PemFixtures;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever bytes arrive, {@code build()} ends in a certificate or an {@link InvalidCertificateException}
 * with one of its codes: never a parser's own exception, an {@code ArithmeticException} or a stack overflow.
 */
class CertificateInputFuzzTest {
    private static final Set<String> CODES = Set.of(CertificateCodes.PEM_MALFORMED, CertificateCodes.NO_CERTIFICATE, CertificateCodes.KEY_MALFORMED, CertificateCodes.KEY_MISMATCH,
            CertificateCodes.KEY_ENCRYPTED, CertificateCodes.KEY_PASSWORD_WRONG, CertificateCodes.UNSUPPORTED_KEY, CertificateCodes.CHAIN_INVALID, CertificateCodes.INPUT_TOO_LARGE);
    private static final char[] PASSWORD = "fuzz".toCharArray();

    private static final TestCertificates.Generated RSA = TestCertificates.builder().build();
    private static final TestCertificates.Generated EC = TestCertificates.builder().ec().includeCa(false).build();
    private static final byte[] EC_LEAF_DER = der(EC.certificatePem());
    private static final KeyPair EC_KEYS = PemFixtures.keyPair("EC");
    private static final byte[] LEAF_DER = der(RSA.certificatePem());
    private static final byte[] RSA_KEY_DER = der(RSA.privateKeyPem());
    private static final byte[] EC_KEY_DER = der(PemFixtures.pkcs8(EC_KEYS.getPrivate()));
    private static final byte[] ENCRYPTED_KEY_DER = der(PemFixtures.encryptedPkcs8(EC_KEYS.getPrivate(), PASSWORD));

    @Test
    void a_corrupted_leaf_certificate_builds_or_fails_with_a_code() {
        qt().withExamples(300).forAll(corrupted(LEAF_DER)).checkAssert(leaf -> {
            String chain = pem("CERTIFICATE", leaf.bytes()) + RSA.caCertificatePem();

            assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(chain).privateKeyPem(RSA.privateKeyPem()));
        });
    }

    @Test
    void a_leaf_with_a_corrupted_public_key_builds_or_fails_with_a_code() {
        qt().withExamples(300).forAll(leavesWithCorruptedKeys()).checkAssert(leaf ->
                assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(pem("CERTIFICATE", leaf.bytes()))
                        .privateKeyPem(EC.privateKeyPem())));
    }

    @Test
    void a_corrupted_rsa_key_builds_or_fails_with_a_code() {
        qt().withExamples(200).forAll(corrupted(RSA_KEY_DER)).checkAssert(key ->
                assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                        .privateKeyPem(pem("PRIVATE KEY", key.bytes()))));
    }

    @Test
    void a_corrupted_ec_key_builds_or_fails_with_a_code() {
        qt().withExamples(200).forAll(corrupted(EC_KEY_DER)).checkAssert(key ->
                assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                        .privateKeyPem(pem("PRIVATE KEY", key.bytes()))));
    }

    @Test
    void a_corrupted_encrypted_key_builds_or_fails_with_a_code() {
        qt().withExamples(100).forAll(corrupted(ENCRYPTED_KEY_DER)).checkAssert(key ->
                assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem())
                        .privateKeyPem(pem("ENCRYPTED PRIVATE KEY", key.bytes()), PASSWORD)));
    }

    @Test
    void any_text_builds_or_fails_with_a_code() {
        qt().withExamples(200).forAll(pemLikeText()).checkAssert(text -> {
            assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(text));
            assertBuildsOrFailsWithACode(Certificate.builder().certificatePem(RSA.certificatePem()).privateKeyPem(text));
        });
    }

    /** A corrupted DER encoding and how it was made, so that a failure report says which byte changed. */
    record Corruption(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how;
        }
    }

    /** The EC leaf with one byte of its SubjectPublicKeyInfo (algorithm, curve or point) replaced. */
    private static Gen<Corruption> leavesWithCorruptedKeys() {
        byte[] spki = EC.leaf().getPublicKey().getEncoded();
        int start = indexOf(EC_LEAF_DER, spki);
        return replaced(EC_LEAF_DER, integers().between(start, start + spki.length - 1));
    }

    /** Text made of PEM fragments, base64 and noise, so that the block scanner sees every kind of edge. */
    private static Gen<String> pemLikeText() {
        Gen<String> fragments = Generate.pick(List.of("-----BEGIN CERTIFICATE-----",
                "-----END CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----",
                "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
                "DEK-Info: AES-256-CBC,00", "\n", "\r\n", "MIIB", "MAA=", "====", "-----", ":", " "));
        Gen<String> noise = strings().allPossible().ofLengthBetween(0, 12);
        return lists().of(Generate.oneOf(fragments, noise)).ofSizeBetween(0, 30).map(parts -> String.join("", parts));
    }

    /** One byte replaced (anywhere, or in the DER headers near the start), or the tail cut off. */
    private static Gen<Corruption> corrupted(byte[] der) {
        Gen<Corruption> truncated = integers().between(0, der.length - 1)
                .map(n -> new Corruption("cut to " + n + " of " + der.length + " bytes", Arrays.copyOf(der, n)));
        return Generate.oneOf(replaced(der, integers().between(0, der.length - 1)),
                replaced(der, integers().between(0, 40)), truncated);
    }

    private static Gen<Corruption> replaced(byte[] der, Gen<Integer> at) {
        return at.zip(Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0), (i, value) -> {
            byte[] copy = der.clone();
            copy[i] = value;
            return new Corruption("byte " + i + " set to " + value, copy);
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
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
