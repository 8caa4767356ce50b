package io.scmpush.internal.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.scmpush.SharedContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK-only reader makes exactly what the BouncyCastle parser makes whenever it reads an input at all,
 * and it does read the ordinary ones: unencrypted PKCS#8, PKCS#1 and SEC1 keys of RSA and EC P-256/384/521.
 */
class JdkInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "secp256r1", "secp384r1", "secp521r1"})
    void an_ordinary_certificate_and_key_are_read_by_the_jdk_as_bouncycastle_reads_them(String kind) {
        KeyPair keys = kind.equals("RSA") ? PemFixtures.rsa(2048) : PemFixtures.ec(kind);
        KeyPair issuer = PemFixtures.keyPair("EC");
        String certificate = PemFixtures.pem(PemFixtures.issue("CN=www.example.com, O=Example", keys.getPublic(),
                "CN=Issuer", issuer, false, "www.example.com", "WWW.example.com", "api.example.com"));
        List<String> keyPems = new ArrayList<>(List.of(PemFixtures.pkcs8(keys.getPrivate())));
        keyPems.add(kind.equals("RSA") ? PemFixtures.pem(keys.getPrivate()) : PemFixtures.sec1(keys));

        for (String key : keyPems) {
            ParsedCertificate read = JdkInput.read(certificate, key);
            assertThat(read).as(kind + " key " + key.lines().findFirst().orElse("")).isNotNull()
                    .isEqualTo(CertificateParser.parse(certificate, key, null));
        }
        assertThat(JdkInput.read(certificate, null)).isNotNull().isEqualTo(CertificateParser.parse(certificate, null, null));
    }

    @Test
    void a_chain_in_any_order_is_read_by_the_jdk_as_bouncycastle_reads_it() {
        PemFixtures.Chain chain = PemFixtures.threeLevelChain();
        String shuffled = PemFixtures.pem(chain.root()) + PemFixtures.pem(chain.leaf())
                + PemFixtures.pem(chain.intermediate());
        String key = PemFixtures.pkcs8(chain.leafKeys().getPrivate());

        assertThat(JdkInput.read(shuffled, key)).isNotNull().isEqualTo(CertificateParser.parse(shuffled, key, null));
    }

    @Test
    void what_the_jdk_reader_leaves_alone_is_left_to_bouncycastle() {
        KeyPair keys = PemFixtures.rsa(2048);
        String certificate = PemFixtures.pem(PemFixtures.issue("CN=www.example.com", keys.getPublic(), "CN=Issuer",
                keys, false, "www.example.com"));
        char[] password = "secret".toCharArray();

        assertThat(JdkInput.read(certificate, PemFixtures.encryptedPkcs8(keys.getPrivate(), password))).isNull();
        assertThat(JdkInput.read(certificate, PemFixtures.legacyEncrypted(keys.getPrivate(), password))).isNull();
        assertThat(JdkInput.read(certificate, PemFixtures.pkcs8(PemFixtures.rsa(2048).getPrivate())))
                .as("another key: KEY_MISMATCH is the parser's to say").isNull();
    }

    /** Every corpus file as the certificate, alone and with every corpus key file, and as the key of another. */
    @Test
    void on_every_corpus_input_the_jdk_reader_agrees_with_bouncycastle_or_stands_aside() throws IOException {
        List<String> files = new ArrayList<>();
        List<String> keyFiles = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(SharedContract.resolve("corpus/openssl-test-certs"))) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(path, StandardCharsets.ISO_8859_1);
                files.add(text);
                if (text.contains("PRIVATE KEY-----")) {
                    keyFiles.add(text);
                }
            }
        }
        String unrelated = PemFixtures.pem(PemFixtures.issue("CN=www.example.com", PemFixtures.keyPair("EC").getPublic(),
                "CN=Issuer", PemFixtures.keyPair("EC"), false, "www.example.com"));
        int read = 0;
        for (String certificate : files) {
            read += agrees(certificate, null);
            for (String key : keyFiles) {
                read += agrees(certificate, key);
            }
            read += agrees(unrelated, certificate);
        }
        assertThat(read).as("corpus inputs the JDK read").isPositive();
    }

    /**
     * A byte of the certificate's or the key's DER changed, anywhere: whatever the JDK reader still reads,
     * BouncyCastle reads the same way (most mutations it refuses, and then so must the JDK reader).
     */
    @Test
    void a_certificate_or_key_with_any_byte_changed_is_read_alike_or_left_to_bouncycastle() {
        KeyPair keys = PemFixtures.ec("secp256r1");
        byte[] certificate = der(PemFixtures.pem(PemFixtures.issue("CN=www.example.com", keys.getPublic(), "CN=Issuer",
                PemFixtures.keyPair("RSA"), false, "www.example.com")));
        byte[] key = keys.getPrivate().getEncoded();
        qt().withFixedSeed(20261204L).withExamples(400)
                .forAll(integers().between(0, certificate.length + key.length - 1), integers().between(1, 255))
                .checkAssert((at, xor) -> {
                    byte[] c = certificate.clone();
                    byte[] k = key.clone();
                    if (at < c.length) {
                        c[at] ^= xor.byteValue();
                    } else {
                        k[at - c.length] ^= xor.byteValue();
                    }
                    agrees(CertificateInput.pem("CERTIFICATE", c), CertificateInput.pem("PRIVATE KEY", k));
                });
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** 1 when the JDK read it (and BouncyCastle made the same of it), 0 when it left it to BouncyCastle. */
    private static int agrees(String certificate, String key) {
        ParsedCertificate read = JdkInput.read(certificate, key);
        if (read == null) {
            return 0;
        }
        try {
            assertThat(read).isEqualTo(CertificateParser.parse(certificate, key, null));
        } catch (RuntimeException e) {
            throw new AssertionError("the JDK read an input BouncyCastle refuses: " + e, e);
        }
        return 1;
    }
}
