package io.scmpush.internal.pem;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test material made at run time: key pairs of any type, certificates issued by any key, and private
 * keys in every PEM format {@code Certificate.Builder} reads. Uses a private BouncyCastle provider
 * instance, never a registered one, so that the code under test cannot lean on registration.
 */
public final class PemFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private PemFixtures() {}

    /** A key pair from the JDK: {@code "RSA"} (2048), {@code "EC"} (P-256), {@code "DSA"}, {@code "Ed25519"}, {@code "X25519"}, {@code "DH"}. */
    public static KeyPair keyPair(String algorithm) {
        return switch (algorithm) {
            case "RSA" -> rsa(2048);
            case "EC" -> ec("secp256r1");
            default -> generate(algorithm, null, 0);
        };
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", null, bits);
    }

    /** An EC key pair on a named curve, e.g. {@code secp384r1}. */
    public static KeyPair ec(String curve) {
        return generate("EC", curve, 0);
    }

    private static KeyPair generate(String algorithm, String curve, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            } else if (bits > 0) {
                generator.initialize(bits, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Root → intermediate → leaf, all valid now; the leaf has DNS SANs {@code www.example.com, example.com}. */
    public record Chain(X509Certificate root, X509Certificate intermediate, X509Certificate leaf, KeyPair leafKeys) {

        public String leafFirstPem() {
            return pem(leaf) + pem(intermediate) + pem(root);
        }
    }

    public static Chain threeLevelChain() {
        KeyPair rootKeys = keyPair("EC");
        KeyPair intermediateKeys = keyPair("EC");
        KeyPair leafKeys = keyPair("RSA");
        String suffix = Long.toString(SERIAL.incrementAndGet());
        X509Certificate root = issue("CN=Fixture Root " + suffix, rootKeys.getPublic(), "CN=Fixture Root " + suffix,
                rootKeys, true);
        X509Certificate intermediate = issue("CN=Fixture Intermediate " + suffix, intermediateKeys.getPublic(),
                "CN=Fixture Root " + suffix, rootKeys, true);
        X509Certificate leaf = issue("CN=www.example.com", leafKeys.getPublic(), "CN=Fixture Intermediate " + suffix,
                intermediateKeys, false, "www.example.com", "example.com");
        return new Chain(root, intermediate, leaf, leafKeys);
    }

    /** A certificate for {@code subjectKey} signed by {@code issuerKeys}, valid from a day ago for 90 days. */
    public static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, KeyPair issuerKeys,
            boolean ca, String... dnsNames) {
        String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return issue(subject, subjectKey, issuer, issuerKeys.getPublic(), ca,
                    new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate()), dnsNames);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate with the {@code id-alg-unsigned} signature algorithm (RFC 9925) and an empty signature,
     * which no JCA provider can verify: only its key identifiers link it to its issuer.
     */
    public static X509Certificate unsigned(String subject, PublicKey subjectKey, String issuer, PublicKey issuerKey) {
        ContentSigner unsigned = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.6.36"));
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return new byte[0];
            }
        };
        return issue(subject, subjectKey, issuer, issuerKey, true, unsigned);
    }

    private static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, PublicKey issuerKey,
            boolean ca, ContentSigner signer, String... dnsNames) {
        Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                    Date.from(notBefore.plus(Duration.ofDays(90))), new X500Name(subject), subjectKey);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerKey));
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of a certificate, a {@link PemObject}, or an RSA {@link PrivateKey} (written as PKCS#1). */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * {@code -----BEGIN EC PRIVATE KEY-----} as {@code openssl ec} writes it, naming its curve (BouncyCastle's
     * writer leaves the curve out for JDK keys, which OpenSSL cannot read either).
     */
    public static String sec1(KeyPair keys) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        BigInteger d = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
        int orderBits = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getParams().getOrder().bitLength();
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getOctets();
        try {
            return pem(new PemObject("EC PRIVATE KEY",
                    new ECPrivateKey(orderBits, d, new DERBitString(point), curve).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----}. */
    public static String pkcs8(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, PBES2 with AES-256-CBC as {@code openssl pkcs8 -topk8} writes it. */
    public static String encryptedPkcs8(PrivateKey key, char[] password) {
        return encryptedPkcs8(key, password, PKCS8Generator.AES_256_CBC);
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} with the given scheme, e.g. {@link PKCS8Generator#PBE_SHA1_3DES}. */
    public static String encryptedPkcs8(PrivateKey key, char[] password, ASN1ObjectIdentifier scheme) {
        try {
            return pem(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(scheme)
                    .setProvider(BouncyCastle.provider()).setRandom(RANDOM).setPassword(password).build()).generate());
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#1 or SEC1 with {@code Proc-Type: 4,ENCRYPTED}, as {@code openssl rsa -aes256} writes it. */
    public static String legacyEncrypted(PrivateKey key, char[] password) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BouncyCastle.provider())
                    .setSecureRandom(RANDOM).build(password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
