package io.scmpush.testkit;

import io.scmpush.Certificate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Makes real certificates at run time for tests and demos: a leaf for the given domains, issued by a
 * fresh CA, with its private key.
 *
 * <pre>{@code
 * Certificate cert = TestCertificates.builder().domains("www.example.com").build().toCertificate();
 * }</pre>
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestCertificates() {}

    /**
     * Starts a description of the certificate to generate.
     *
     * @return a builder with the defaults of {@link Builder}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A generated chain and key, as PEM.
     *
     * @param certificatePem the leaf, then the CA unless {@link Builder#includeCa(boolean) left out}
     * @param privateKeyPem the leaf's key, unencrypted PKCS#8
     * @param caCertificatePem the issuing CA alone, for CA-certificate targets
     * @param leaf the leaf as parsed
     */
    public record Generated(String certificatePem, String privateKeyPem, String caCertificatePem, X509Certificate leaf) {

        /** {@return the chain and key as a {@link Certificate}, with the builder's defaults} */
        public Certificate toCertificate() {
            return Certificate.builder().certificatePem(certificatePem).privateKeyPem(privateKeyPem).build();
        }

        @Override
        public String toString() {
            return "Generated[" + leaf.getSubjectX500Principal() + "]";
        }
    }

    /** What to generate. Defaults: RSA 2048, {@code www.example.com}, valid from a day ago for 90 days, with the CA in the chain. */
    public static final class Builder {
        private List<String> domains = List.of("www.example.com");
        private @Nullable String commonName;
        private String keyAlgorithm = "RSA";
        private int keySize = 2048;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Duration validity = Duration.ofDays(90);
        private boolean includeCa = true;

        private Builder() {}

        /**
         * The leaf's DNS subject alternative names.
         *
         * @param domains the names; the first is also the CN unless {@link #commonName(String)} is set
         * @return this builder
         */
        public Builder domains(String... domains) {
            this.domains = List.of(domains);
            return this;
        }

        /**
         * The leaf's subject CN, instead of the first domain.
         *
         * @param commonName the CN
         * @return this builder
         */
        public Builder commonName(String commonName) {
            this.commonName = Objects.requireNonNull(commonName);
            return this;
        }

        /**
         * An RSA key, the default.
         *
         * @param bits the key size; below 2048 makes a certificate the {@code WEAK_KEY} rule rejects
         * @return this builder
         */
        public Builder rsa(int bits) {
            this.keyAlgorithm = "RSA";
            this.keySize = bits;
            return this;
        }

        /**
         * An EC key on P-256.
         *
         * @return this builder
         */
        public Builder ec() {
            this.keyAlgorithm = "EC";
            this.keySize = 256;
            return this;
        }

        /**
         * The start of the leaf's validity; default a day ago.
         *
         * @param notBefore a future instant makes a certificate that is not yet valid
         * @return this builder
         */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /**
         * How long the leaf is valid from {@link #notBefore(Instant)}; default 90 days.
         *
         * @param validity the length; a short one makes an expired or soon-expiring certificate
         * @return this builder
         */
        public Builder validity(Duration validity) {
            this.validity = validity;
            return this;
        }

        /**
         * Whether the chain PEM carries the CA certificate after the leaf.
         *
         * @param includeCa default true
         * @return this builder
         */
        public Builder includeCa(boolean includeCa) {
            this.includeCa = includeCa;
            return this;
        }

        /**
         * Generates a fresh CA (EC P-256) and a leaf issued by it.
         *
         * @return the chain and key
         */
        public Generated build() {
            try {
                KeyPair caKeys = keyPair("EC", 256);
                X500Name caName = new X500Name("CN=scm-push Test CA " + SERIAL.incrementAndGet());
                X509Certificate ca = sign(caName, caName, caKeys, caKeys, notBefore, validity.plusDays(1), true, List.of());
                KeyPair leafKeys = keyPair(keyAlgorithm, keySize);
                String cn = commonName != null ? commonName : domains.isEmpty() ? "test" : domains.get(0);
                X509Certificate leaf = sign(new X500Name("CN=" + cn), caName, leafKeys, caKeys, notBefore, validity,
                        false, domains);
                String chain = pem(leaf) + (includeCa ? pem(ca) : "");
                return new Generated(chain, pem(new JcaPKCS8Generator(leafKeys.getPrivate(), null)), pem(ca), leaf);
            } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException("cannot generate a test certificate", e);
            }
        }
    }

    private static KeyPair keyPair(String algorithm, int size) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec(size == 384 ? "secp384r1" : "secp256r1"), RANDOM);
        } else {
            generator.initialize(size, RANDOM);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys,
            Instant notBefore, Duration validity, boolean ca, List<String> domains)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!domains.isEmpty()) {
            List<GeneralName> names = new ArrayList<>();
            for (String d : domains) {
                names.add(new GeneralName(GeneralName.dNSName, d));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o instanceof JcaPKCS8Generator g ? g.generate() : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
