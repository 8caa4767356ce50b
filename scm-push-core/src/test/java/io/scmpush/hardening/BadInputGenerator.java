package io.scmpush.hardening;

import io.scmpush.internal.pem.PemFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Writes the hostile-input corpus of {@code src/test/resources/bad-input} (see its README.md), the
 * fixtures {@link BadInputCorpusTest} reads. Each run makes new keys, so regenerate only to add a case,
 * and update the test's table with it:
 *
 * <pre>
 * mvn -B -q -pl scm-push-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "scm-push-core/target/test-classes:scm-push-core/target/classes:$(cat scm-push-core/target/cp.txt)" \
 *     io.scmpush.hardening.BadInputGenerator scm-push-core/src/test/resources/bad-input
 * </pre>
 *
 * Certificates that should stay usable are valid from 2025 to 2125, so the committed files do not expire.
 * The inputs too large to commit (a 10 MB line, ASN.1 nested to the size limit) are made by the test.
 */
public final class BadInputGenerator {
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2125-01-01T00:00:00Z");
    static final String PASSWORD = "correct horse battery staple";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(1_000);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final Path dir;
    private final KeyPair caKeys = PemFixtures.ec("secp256r1");
    private final X509Certificate ca;

    private BadInputGenerator(Path dir) {
        this.dir = dir;
        this.ca = issue("CN=Bad Input Test CA", caKeys, "CN=Bad Input Test CA", caKeys, true, FROM, UNTIL);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/bad-input");
        Files.createDirectories(dir);
        new BadInputGenerator(dir).writeAll();
    }

    private void writeAll() throws Exception {
        KeyPair leafKeys = PemFixtures.ec("secp256r1");
        X509Certificate leaf = leaf("CN=shop.example.com", leafKeys, "shop.example.com", "www.shop.example.com");
        String base = pem(leaf) + pem(ca);
        String baseKey = PemFixtures.pkcs8(leafKeys.getPrivate());
        String leafBody = body(pem(leaf));
        write("base.pem", base);
        write("base.key", baseKey);

        // Text and encoding around and inside the PEM blocks.
        write("crlf.pem", base.replace("\n", "\r\n"));
        write("text-around-block.pem", "Subject: shop.example.com\nIssuer: Bad Input Test CA\n\n" + base
                + "\n# trailing note, not PEM\n");
        write("nul-bytes-around-block.pem", "\0\0\0\n" + base + "\n\0\0");
        write("empty.pem", "");
        write("whitespace.pem", " \n\t\r\n   \n");
        writeBytes("der-bytes.der", leaf.getEncoded());
        write("flattened-one-line.pem", base.replace("\n", "\\n"));
        write("label-lowercase.pem", pem(leaf).replace("CERTIFICATE", "certificate"));
        write("label-certificate-request.pem", csr(leafKeys));
        write("label-x509-crl.pem", block("X509 CRL", leafBody));
        write("label-pkcs7.pem", block("PKCS7", leafBody));
        write("key-given-as-certificate.pem", baseKey);
        write("truncated-base64.pem", block("CERTIFICATE", leafBody.substring(0, leafBody.length() / 2)));
        write("truncated-before-end.pem", base.substring(0, base.indexOf("-----END CERTIFICATE-----")));
        write("base64-bad-characters.pem", block("CERTIFICATE", leafBody.substring(0, 100) + "*!?"
                + leafBody.substring(100)));
        write("nul-bytes-in-base64.pem", block("CERTIFICATE", leafBody.substring(0, 64) + "\0\0\0"
                + leafBody.substring(64)));
        write("label-mismatch.pem", pem(leaf).replace("-----END CERTIFICATE-----", "-----END PRIVATE KEY-----"));
        write("two-begin-lines.pem", "-----BEGIN CERTIFICATE-----\n" + pem(leaf));
        write("key-der-labelled-certificate.pem", block("CERTIFICATE", body(baseKey)));
        write("random-bytes-labelled-certificate.pem", block("CERTIFICATE", base64(randomBytes(600))));
        write("concatenated-garbage-block.pem", base + block("CERTIFICATE", base64(randomBytes(300))));
        write("der-with-trailing-bytes.pem", block("CERTIFICATE", base64(concat(leaf.getEncoded(), randomBytes(40)))));
        write("der-length-overflow.pem", block("CERTIFICATE", base64(concat(new byte[] {0x30, (byte) 0x84, 0x7f,
                (byte) 0xff, (byte) 0xff, (byte) 0xff}, randomBytes(64)))));
        write("asn1-deeply-nested.pem", block("CERTIFICATE", base64(nested(5_000))));

        // Chains.
        KeyPair a = PemFixtures.ec("secp256r1");
        KeyPair b = PemFixtures.ec("secp256r1");
        X509Certificate aByB = issue("CN=Loop CA A", a, "CN=Loop CA B", b, true, FROM, UNTIL);
        X509Certificate bByA = issue("CN=Loop CA B", b, "CN=Loop CA A", a, true, FROM, UNTIL);
        write("chain-loop.pem", pem(aByB) + pem(bByA));
        KeyPair loopLeafKeys = PemFixtures.ec("secp256r1");
        write("chain-loop-with-leaf.pem", pem(issue("CN=loop.example.com", loopLeafKeys, "CN=Loop CA A", a, false,
                FROM, UNTIL, "loop.example.com")) + pem(aByB) + pem(bByA));
        write("chain-loop-with-leaf.key", PemFixtures.pkcs8(loopLeafKeys.getPrivate()));
        writeChain("chain-12-levels", 12);
        writeChain("chain-17-levels", 17);
        write("chain-shuffled.pem", pem(ca) + pem(leaf));
        write("chain-duplicated.pem", pem(leaf) + pem(ca) + pem(leaf));
        KeyPair otherCa = PemFixtures.ec("secp256r1");
        write("chain-two-leaves.pem", pem(leaf) + pem(issue("CN=other.example.com", PemFixtures.ec("secp256r1"),
                "CN=Other CA", otherCa, false, FROM, UNTIL, "other.example.com")) + pem(ca));
        KeyPair intermediate = PemFixtures.ec("secp256r1");
        KeyPair gapLeafKeys = PemFixtures.ec("secp256r1");
        write("chain-missing-intermediate.pem", pem(issue("CN=gap.example.com", gapLeafKeys, "CN=Missing Intermediate",
                intermediate, false, FROM, UNTIL, "gap.example.com")) + pem(ca));
        write("chain-missing-intermediate.key", PemFixtures.pkcs8(gapLeafKeys.getPrivate()));

        // Names.
        List<String> sans = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            sans.add("host-" + i + ".example.com");
        }
        writeLeaf("sans-1000", "CN=host-0.example.com", PemFixtures.ec("secp256r1"), sans.toArray(String[]::new));
        writeLeaf("cn-unicode", "CN=证书测试.例子.公司", PemFixtures.ec("secp256r1"), "xn--fiqs8s.example");
        writeLeaf("san-idn-punycode", "CN=xn--bcher-kva.example", PemFixtures.ec("secp256r1"), "xn--bcher-kva.example",
                "*.xn--bcher-kva.example");
        writeLeaf("san-raw-utf8", "CN=bücher.example", PemFixtures.ec("secp256r1"), "bücher.example");
        writeLeaf("cn-10000-chars", "CN=" + "a".repeat(10_000), PemFixtures.ec("secp256r1"));

        // Keys and validity the rules refuse, and one a CA should not be used for.
        writeLeaf("rsa-1024", "CN=weak.example.com", PemFixtures.rsa(1024), "weak.example.com");
        KeyPair rsaKeys = PemFixtures.rsa(2048);
        writeLeaf("rsa-2048", "CN=rsa.example.com", rsaKeys, "rsa.example.com");
        KeyPair expiredKeys = PemFixtures.ec("secp256r1");
        write("expired.pem", pem(issue("CN=expired.example.com", expiredKeys, "CN=Bad Input Test CA", caKeys, false,
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2001-01-01T00:00:00Z"), "expired.example.com")));
        write("expired.key", PemFixtures.pkcs8(expiredKeys.getPrivate()));
        KeyPair futureKeys = PemFixtures.ec("secp256r1");
        write("not-yet-valid.pem", pem(issue("CN=future.example.com", futureKeys, "CN=Bad Input Test CA", caKeys, false,
                Instant.parse("2100-01-01T00:00:00Z"), Instant.parse("2101-01-01T00:00:00Z"), "future.example.com")));
        write("not-yet-valid.key", PemFixtures.pkcs8(futureKeys.getPrivate()));
        KeyPair reversedKeys = PemFixtures.ec("secp256r1");
        write("dates-reversed.pem", pem(issue("CN=reversed.example.com", reversedKeys, "CN=Bad Input Test CA", caKeys,
                false, Instant.parse("2100-01-01T00:00:00Z"), Instant.parse("2000-01-01T00:00:00Z"))));
        write("dates-reversed.key", PemFixtures.pkcs8(reversedKeys.getPrivate()));
        KeyPair selfSigned = PemFixtures.ec("secp256r1");
        write("ca-as-leaf.pem", pem(issue("CN=Self-Signed Root", selfSigned, "CN=Self-Signed Root", selfSigned, true,
                FROM, UNTIL)));
        write("ca-as-leaf.key", PemFixtures.pkcs8(selfSigned.getPrivate()));
        KeyPair v1Keys = PemFixtures.ec("secp256r1");
        write("v1-certificate.pem", pem(new JcaX509CertificateConverter().getCertificate(
                new JcaX509v1CertificateBuilder(new X500Name("CN=Bad Input Test CA"),
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(FROM), Date.from(UNTIL),
                        new X500Name("CN=v1.example.com"), v1Keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())))));
        write("v1-certificate.key", PemFixtures.pkcs8(v1Keys.getPrivate()));

        // Certificates whose key type scm-push cannot push.
        writeLeaf("ec-secp256k1", "CN=k1.example.com", bcEc("secp256k1"), "k1.example.com");
        writeLeaf("ec-p192", "CN=p192.example.com", bcEc("secp192r1"), "p192.example.com");
        writeLeaf("ed25519", "CN=ed.example.com", PemFixtures.keyPair("Ed25519"), "ed.example.com");
        writeLeaf("dsa", "CN=dsa.example.com", PemFixtures.keyPair("DSA"), "dsa.example.com");

        // Private keys that do not fit base.pem, or cannot be read.
        write("key-sec1.key", PemFixtures.sec1(leafKeys));
        write("key-mismatched.key", PemFixtures.pkcs8(PemFixtures.ec("secp256r1").getPrivate()));
        write("key-other-curve.key", PemFixtures.pkcs8(PemFixtures.ec("secp384r1").getPrivate()));
        write("key-rsa-for-ec-certificate.key", PemFixtures.pkcs8(PemFixtures.rsa(2048).getPrivate()));
        write("key-encrypted-pkcs8.key", PemFixtures.encryptedPkcs8(leafKeys.getPrivate(), PASSWORD.toCharArray()));
        write("key-legacy-encrypted.key", PemFixtures.legacyEncrypted(rsaKeys.getPrivate(), PASSWORD.toCharArray()));
        // BouncyCastle writes a JDK EC key's SEC1 without its curve: readable by no one, even with the password.
        write("key-legacy-encrypted-ec-without-curve.key", PemFixtures.legacyEncrypted(leafKeys.getPrivate(),
                PASSWORD.toCharArray()));
        write("key-pbkdf2-two-billion-iterations.key", block("ENCRYPTED PRIVATE KEY", base64(costlyEncryptedKey())));
        write("key-truncated.key", block("PRIVATE KEY", body(baseKey).substring(0, body(baseKey).length() / 2)));
        write("key-empty.key", "");
        write("key-certificate-given-as-key.key", base);
        write("key-public-key.key", block("PUBLIC KEY", base64(leafKeys.getPublic().getEncoded())));
        write("key-two-keys.key", baseKey + PemFixtures.pkcs8(PemFixtures.ec("secp256r1").getPrivate()));
        write("key-label-mismatch.key", baseKey.replace("-----END PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"));
        write("key-nul-bytes.key", block("PRIVATE KEY", body(baseKey).substring(0, 40) + "\0"
                + body(baseKey).substring(40)));
        write("key-ed25519.key", PemFixtures.pkcs8(PemFixtures.keyPair("Ed25519").getPrivate()));
        write("key-x25519.key", PemFixtures.pkcs8(PemFixtures.keyPair("X25519").getPrivate()));
        write("key-dsa.key", PemFixtures.pkcs8(PemFixtures.keyPair("DSA").getPrivate()));
        write("key-openssh.key", block("OPENSSH PRIVATE KEY", base64(concat(
                "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), randomBytes(200)))));
        write("key-rsa-tampered-modulus.key", tamperedRsa((RSAPrivateCrtKey) rsaKeys.getPrivate()));
    }

    /** A leaf of the test CA for these keys and names, written as {@code name.pem} with its key {@code name.key}. */
    private void writeLeaf(String name, String subject, KeyPair keys, String... dnsNames) throws IOException {
        write(name + ".pem", pem(leaf(subject, keys, dnsNames)) + pem(ca));
        write(name + ".key", PemFixtures.pkcs8(keys.getPrivate()));
    }

    /** A chain of {@code levels} certificates, root to leaf, written leaf first. */
    private void writeChain(String name, int levels) throws IOException {
        KeyPair issuerKeys = PemFixtures.ec("secp256r1");
        String issuer = "CN=" + name + " root";
        List<String> pems = new ArrayList<>();
        pems.add(pem(issue(issuer, issuerKeys, issuer, issuerKeys, true, FROM, UNTIL)));
        for (int level = 1; level < levels - 1; level++) {
            KeyPair keys = PemFixtures.ec("secp256r1");
            String subject = "CN=" + name + " intermediate " + level;
            pems.add(0, pem(issue(subject, keys, issuer, issuerKeys, true, FROM, UNTIL)));
            issuer = subject;
            issuerKeys = keys;
        }
        KeyPair leafKeys = PemFixtures.ec("secp256r1");
        pems.add(0, pem(issue("CN=" + name + ".example.com", leafKeys, issuer, issuerKeys, false, FROM, UNTIL,
                name + ".example.com")));
        write(name + ".pem", String.join("", pems));
        write(name + ".key", PemFixtures.pkcs8(leafKeys.getPrivate()));
    }

    private X509Certificate leaf(String subject, KeyPair keys, String... dnsNames) {
        return issue(subject, keys, "CN=Bad Input Test CA", caKeys, false, FROM, UNTIL, dnsNames);
    }

    private static X509Certificate issue(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca, Instant notBefore, Instant notAfter, String... dnsNames) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(commonName(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    commonName(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA"
                    : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code CN=...} as a UTF8String, of any length (X500Name's parser stops at RFC 5280's 64). */
    private static X500Name commonName(String dn) {
        return new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(dn.substring("CN=".length())))});
    }

    private static String csr(KeyPair keys) throws Exception {
        return PemFixtures.pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=shop.example.com"),
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** An EC key pair on a curve the JDK no longer offers. */
    private static KeyPair bcEc(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    /** PBES2 with PBKDF2 at two billion iterations: minutes of work for whoever tries the password. */
    private static byte[] costlyEncryptedKey() throws IOException {
        PBKDF2Params kdf = new PBKDF2Params(randomBytes(16), 2_000_000_000, 32,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
        EncryptionScheme cipher = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC,
                new DEROctetString(randomBytes(16)));
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf), cipher));
        return new EncryptedPrivateKeyInfo(algorithm, randomBytes(144)).getEncoded();
    }

    /** The RSA key with its modulus changed by one: a structure that parses, with numbers that do not fit. */
    private static String tamperedRsa(RSAPrivateCrtKey key) throws IOException {
        RSAPrivateKey tampered = new RSAPrivateKey(key.getModulus().add(BigInteger.TWO), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient());
        return block("RSA PRIVATE KEY", base64(tampered.getEncoded()));
    }

    /** {@code depth} SEQUENCEs, each holding the next, the innermost empty. */
    static byte[] nested(int depth) {
        byte[] inner = {0x30, 0x00};
        for (int i = 1; i < depth; i++) {
            inner = concat(header(inner.length), inner);
        }
        return inner;
    }

    private static byte[] header(int length) {
        if (length < 0x80) {
            return new byte[] {0x30, (byte) length};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        byte[] value = BigInteger.valueOf(length).toByteArray();
        int skip = value[0] == 0 ? 1 : 0;
        out.write(0x80 | (value.length - skip));
        out.write(value, skip, value.length - skip);
        return out.toByteArray();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private void writeBytes(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    private static String pem(X509Certificate certificate) {
        return PemFixtures.pem(certificate);
    }

    static String block(String label, String base64Body) {
        StringBuilder text = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64Body.length(); i += 64) {
            text.append(base64Body, i, Math.min(i + 64, base64Body.length())).append('\n');
        }
        return text.append("-----END ").append(label).append("-----\n").toString();
    }

    private static String body(String pem) {
        StringBuilder body = new StringBuilder();
        pem.lines().filter(line -> !line.startsWith("-----")).forEach(body::append);
        return body.toString();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
