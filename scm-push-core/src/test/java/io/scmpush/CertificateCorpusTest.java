package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared OpenSSL corpus ({@code corpus/openssl-test-certs}, see its SOURCE.md) ends in a
 * {@link Certificate} or in the {@link InvalidCertificateException} code this table names, never in any
 * other exception. Parsing does not look at the clock: expired certificates build, and expiry is left to
 * the CERT_EXPIRED rule.
 */
class CertificateCorpusTest {
    private static final String BUILDS = "BUILDS";

    /** Each file used alone as the certificate PEM, and as the key PEM of an unrelated generated certificate. */
    private static final Map<String, List<String>> EXPECTED = table("""
            file                                   | as certificate  | as key
            AKIDmismatch-cert.pem                  | BUILDS          | KEY_MALFORMED
            AKIDmismatch-key.pem                   | NO_CERTIFICATE  | KEY_MISMATCH
            LICENSE-Apache-2.0.txt                 | NO_CERTIFICATE  | KEY_MALFORMED
            SOURCE.md                              | NO_CERTIFICATE  | KEY_MALFORMED
            aa-key.pem                             | NO_CERTIFICATE  | KEY_MISMATCH
            aa.pem                                 | BUILDS          | KEY_MALFORMED
            acert.pem                              | NO_CERTIFICATE  | KEY_MALFORMED
            bad-cert-smtputf8-name-constraints.pem | BUILDS          | KEY_MALFORMED
            ca-cert-pathlen-max.pem                | PEM_MALFORMED   | KEY_MALFORMED
            ca-cert-unsigned.pem                   | BUILDS          | KEY_MALFORMED
            ca-distrust2016.pem                    | BUILDS          | KEY_MALFORMED
            ca_anyEKU.pem                          | BUILDS          | KEY_MALFORMED
            cert-then-key.pem                      | BUILDS          | KEY_MISMATCH
            cert-wrong-sig-len.pem                 | BUILDS          | KEY_MALFORMED
            crl_Chinese_AuthorityCertIssuer.pem    | NO_CERTIFICATE  | KEY_MALFORMED
            cve-2026-28388-ca.pem                  | BUILDS          | KEY_MALFORMED
            cve-2026-28388-leaf.pem                | BUILDS          | KEY_MALFORMED
            eai-nc-othername-int.pem               | BUILDS          | KEY_MALFORMED
            eai-nc-othername-leaf.pem              | BUILDS          | KEY_MALFORMED
            eai-nc-othername-root.pem              | BUILDS          | KEY_MALFORMED
            ech-rsa.pem                            | NO_CERTIFICATE  | KEY_MISMATCH
            echconfig.pem                          | NO_CERTIFICATE  | UNSUPPORTED_KEY
            echserver.key                          | NO_CERTIFICATE  | KEY_MISMATCH
            echserver.pem                          | BUILDS          | KEY_MALFORMED
            ee-KID-certs.pem                       | CHAIN_INVALID   | KEY_MALFORMED
            ee-cert-dsa-sha384.pem                 | UNSUPPORTED_KEY | KEY_MALFORMED
            ee-cert-dsa-sha512.pem                 | UNSUPPORTED_KEY | KEY_MALFORMED
            ee-cert1.pem                           | BUILDS          | KEY_MALFORMED
            ee-client-pathlen-max.pem              | BUILDS          | KEY_MALFORMED
            ee-expired2.pem                        | BUILDS          | KEY_MALFORMED
            ee-key1.pem                            | NO_CERTIFICATE  | KEY_MISMATCH
            ee-key2.pem                            | NO_CERTIFICATE  | KEY_MISMATCH
            ee-ku-empty.pem                        | BUILDS          | KEY_MALFORMED
            fe_cert.pem                            | BUILDS          | KEY_MALFORMED
            fe_key.pem                             | NO_CERTIFICATE  | KEY_MISMATCH
            leaf-akid-issuer.pem                   | BUILDS          | KEY_MALFORMED
            leaf-encrypted.key                     | NO_CERTIFICATE  | KEY_ENCRYPTED
            mixed-ca-cert.pem                      | BUILDS          | KEY_MALFORMED
            mixed-ca-key.pem                       | NO_CERTIFICATE  | KEY_MISMATCH
            mixed-ee-cert.pem                      | BUILDS          | KEY_MALFORMED
            mixed-ee-key.pem                       | NO_CERTIFICATE  | KEY_MISMATCH
            nc-eai-ica-key.pem                     | NO_CERTIFICATE  | KEY_MISMATCH
            nc-eai-ica.pem                         | BUILDS          | KEY_MALFORMED
            nc-eai-leaf-key.pem                    | NO_CERTIFICATE  | KEY_MISMATCH
            nc-eai-leaf.pem                        | BUILDS          | KEY_MALFORMED
            nc-eai-root.pem                        | BUILDS          | KEY_MALFORMED
            nc-smtputf8-cert.pem                   | BUILDS          | KEY_MALFORMED
            nc-smtputf8-key.pem                    | NO_CERTIFICATE  | KEY_MISMATCH
            sm2.key                                | NO_CERTIFICATE  | UNSUPPORTED_KEY
            recipes/ca321_bundle.pem               | CHAIN_INVALID   | KEY_MALFORMED
            recipes/dh-cert.pem                    | UNSUPPORTED_KEY | KEY_MALFORMED
            recipes/dh-key.pem                     | NO_CERTIFICATE  | UNSUPPORTED_KEY
            recipes/dsa.512.priv.pem               | NO_CERTIFICATE  | UNSUPPORTED_KEY
            recipes/ec-pkcs8-mismatch.pem          | NO_CERTIFICATE  | KEY_MALFORMED
            recipes/ecdh-cert.pem                  | BUILDS          | KEY_MALFORMED
            recipes/ecdh-key.pem                   | NO_CERTIFICATE  | KEY_MISMATCH
            recipes/test_cert_28424.pem            | PEM_MALFORMED   | KEY_MALFORMED
            """);

    private static Path corpus() {
        return SharedContract.resolve("corpus/openssl-test-certs");
    }

    /** A generated RSA certificate that no corpus key belongs to. */
    private static final String UNRELATED_CERTIFICATE = TestCertificates.builder().build().certificatePem();

    @Test
    void the_table_names_every_file_of_the_corpus_and_nothing_else() throws IOException {
        try (Stream<Path> files = Files.walk(corpus())) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(f -> corpus().relativize(f).toString().replace('\\', '/')).toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        }
    }

    @ParameterizedTest(name = "{0} as the certificate: {1}")
    @MethodSource("asCertificate")
    void each_file_used_as_the_certificate_ends_in_its_code(String file, String expected) {
        assertOutcome(Certificate.builder().certificatePem(read(file)), expected);
    }

    @ParameterizedTest(name = "{0} as the key: {1}")
    @MethodSource("asKey")
    void each_file_used_as_the_key_of_an_unrelated_certificate_ends_in_its_code(String file, String expected) {
        assertOutcome(Certificate.builder().certificatePem(UNRELATED_CERTIFICATE).privateKeyPem(read(file)), expected);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            AKIDmismatch-cert.pem   | AKIDmismatch-key.pem | BUILDS
            aa.pem                  | aa-key.pem           | BUILDS
            cert-then-key.pem       | cert-then-key.pem    | BUILDS
            echserver.pem           | echserver.key        | BUILDS
            ee-KID-certs.pem#1      | ee-key1.pem          | BUILDS
            ee-KID-certs.pem#2      | ee-key2.pem          | BUILDS
            fe_cert.pem             | fe_key.pem           | BUILDS
            mixed-ca-cert.pem       | mixed-ca-key.pem     | BUILDS
            mixed-ee-cert.pem       | mixed-ee-key.pem     | BUILDS
            nc-smtputf8-cert.pem    | nc-smtputf8-key.pem  | BUILDS
            recipes/ecdh-cert.pem   | recipes/ecdh-key.pem | BUILDS
            recipes/dh-cert.pem     | recipes/dh-key.pem   | UNSUPPORTED_KEY
            ee-cert1.pem            | ee-key1.pem          | KEY_MISMATCH
            ee-KID-certs.pem#1      | ee-key2.pem          | KEY_MISMATCH
            nc-eai-leaf.pem         | nc-eai-leaf-key.pem  | KEY_MISMATCH
            nc-eai-ica.pem          | nc-eai-ica-key.pem   | KEY_MISMATCH
            """)
    void each_certificate_with_the_key_named_for_it_builds_or_gives_its_code(String certificate, String key,
            String expected) {
        Certificate.Builder builder = Certificate.builder().certificatePem(read(certificate)).privateKeyPem(read(key));

        Certificate built = assertOutcome(builder, expected);

        if (built != null) {
            assertKeyIsUsablePkcs8OfTheLeaf(built);
        }
    }

    @Test
    void the_encrypted_key_opens_with_its_password_and_only_with_it() {
        String leaf = read("leaf-akid-issuer.pem");
        String key = read("leaf-encrypted.key");

        Certificate built = Certificate.builder().certificatePem(leaf).privateKeyPem(key, "testpass".toCharArray()).build();

        assertKeyIsUsablePkcs8OfTheLeaf(built);
        assertOutcome(Certificate.builder().certificatePem(leaf).privateKeyPem(key), CertificateCodes.KEY_ENCRYPTED);
        assertOutcome(Certificate.builder().certificatePem(leaf).privateKeyPem(key, "testpas".toCharArray()),
                CertificateCodes.KEY_PASSWORD_WRONG);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            eai-nc-othername-root.pem eai-nc-othername-leaf.pem eai-nc-othername-int.pem | eai-nc-othername-leaf.pem eai-nc-othername-int.pem eai-nc-othername-root.pem
            nc-eai-root.pem nc-eai-leaf.pem nc-eai-ica.pem                               | nc-eai-leaf.pem nc-eai-ica.pem nc-eai-root.pem
            cve-2026-28388-ca.pem cve-2026-28388-leaf.pem                                | cve-2026-28388-leaf.pem cve-2026-28388-ca.pem
            mixed-ca-cert.pem mixed-ee-cert.pem                                          | mixed-ee-cert.pem mixed-ca-cert.pem
            ca_anyEKU.pem ee-expired2.pem                                                | ee-expired2.pem ca_anyEKU.pem
            ca-distrust2016.pem ee-expired2.pem                                          | ee-expired2.pem ca-distrust2016.pem
            ca-cert-unsigned.pem ee-expired2.pem                                         | ee-expired2.pem ca-cert-unsigned.pem
            ca_anyEKU.pem ee-ku-empty.pem                                                | ee-ku-empty.pem ca_anyEKU.pem
            nc-eai-root.pem echserver.pem                                                | CHAIN_INVALID
            nc-eai-root.pem mixed-ee-cert.pem mixed-ca-cert.pem                          | CHAIN_INVALID
            ca_anyEKU.pem ca-distrust2016.pem ee-expired2.pem                            | CHAIN_INVALID
            ca-cert-pathlen-max.pem ee-client-pathlen-max.pem                            | PEM_MALFORMED
            """)
    void the_chains_of_the_corpus_come_out_leaf_first_and_its_traps_are_refused(String files, String expected) {
        StringBuilder input = new StringBuilder();
        for (String file : files.split(" ")) {
            input.append(read(file));
        }

        if (expected.contains(".pem")) {
            List<String> leafFirst = Arrays.stream(expected.split(" "))
                    .map(f -> Certificate.builder().certificatePem(read(f)).build().fingerprint()).toList();
            Certificate built = Certificate.builder().certificatePem(input.toString()).build();
            assertThat(built.chain()).extracting(c -> fingerprintOf(c)).containsExactlyElementsOf(leafFirst);
        } else {
            assertOutcome(Certificate.builder().certificatePem(input.toString()), expected);
        }
    }

    @Test
    void text_around_the_pem_block_and_other_blocks_beside_it_do_not_change_the_certificate() {
        Certificate echServer = Certificate.builder().certificatePem(read("echserver.pem")).build();
        Certificate certThenKey = Certificate.builder().certificatePem(read("cert-then-key.pem")).build();

        assertThat(echServer.domains()).containsExactly("*.server.example", "server.example");
        assertThat(echServer.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("Signature");
        assertThat(certThenKey.hasPrivateKey()).isFalse();
        assertThat(certThenKey.certificatePem()).doesNotContain("PRIVATE KEY");
        assertThat(certThenKey.domains()).containsExactly("www.good.org", "any.good.com");
        assertThat(certThenKey.name()).startsWith("Joe-Bloggs-");
    }

    @Test
    void names_and_domains_come_from_unusual_subjects_without_failing() {
        Certificate noCommonName = Certificate.builder().certificatePem(read("nc-smtputf8-cert.pem")).build();
        Certificate oddSan = Certificate.builder().certificatePem(read("mixed-ee-cert.pem")).build();

        assertThat(noCommonName.domains()).isEmpty();
        assertThat(noCommonName.name()).matches("certificate-[0-9a-f]{8}");
        assertThat(oddSan.domains()).containsExactly("server mixed ECC/RSA");
        assertThat(oddSan.name()).matches("server-mixed-ECC-RSA-[0-9a-f]{8}");
    }

    static Stream<Arguments> asCertificate() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().get(0)));
    }

    static Stream<Arguments> asKey() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().get(1)));
    }

    /** Builds, or fails with exactly {@code expected}; returns the certificate when it built. */
    private static Certificate assertOutcome(Certificate.Builder builder, String expected) {
        Throwable thrown = catchThrowable(() -> builder.build());
        if (expected.equals(BUILDS)) {
            assertThat(thrown).as("expected a certificate").isNull();
            return builder.build();
        }
        assertThat(thrown).isInstanceOf(InvalidCertificateException.class);
        assertThat(((InvalidCertificateException) thrown).code()).as(thrown.getMessage()).isEqualTo(expected);
        return null;
    }

    /** The key came out as PKCS#8 that the JDK loads, and it is the private half of the leaf's public key. */
    private static void assertKeyIsUsablePkcs8OfTheLeaf(Certificate certificate) {
        String pem = certificate.privateKeyPem().orElseThrow();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").doesNotContain("ENCRYPTED");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        String algorithm = certificate.leaf().getPublicKey().getAlgorithm();
        try {
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            if (key instanceof RSAPrivateCrtKey rsa) {
                RSAPublicKey leafKey = (RSAPublicKey) certificate.leaf().getPublicKey();
                assertThat(rsa.getModulus()).isEqualTo(leafKey.getModulus());
                assertThat(rsa.getPublicExponent()).isEqualTo(leafKey.getPublicExponent());
            } else {
                ECPublicKey leafKey = (ECPublicKey) certificate.leaf().getPublicKey();
                ECPrivateKey ec = (ECPrivateKey) key;
                assertThat(leafKey.getParams().getGenerator()).isNotNull();
                assertThat(ec.getParams().getOrder()).isEqualTo(leafKey.getParams().getOrder());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("the JDK cannot load the PKCS#8 key", e);
        }
    }

    private static String fingerprintOf(java.security.cert.X509Certificate certificate) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A corpus file; {@code name#n} is its n-th PEM block. */
    private static String read(String file) {
        String[] parts = file.split("#");
        String text;
        try {
            text = Files.readString(corpus().resolve(parts[0]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parts.length == 1) {
            return text;
        }
        String[] blocks = text.split("(?=-----BEGIN )");
        return Arrays.stream(blocks).filter(b -> b.startsWith("-----BEGIN ")).skip(Integer.parseInt(parts[1]) - 1)
                .findFirst().orElseThrow();
    }

    private static Map<String, List<String>> table(String text) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        text.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s*\\|\\s*");
            rows.put(cells[0], List.of(cells[1], cells[2]));
        });
        return rows;
    }
}
