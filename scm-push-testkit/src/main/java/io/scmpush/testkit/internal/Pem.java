package io.scmpush.testkit.internal;

import io.scmpush.spi.support.RemotePem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/** Reads the certificate chains and keys clients upload, as a service does before it stores them. */
final class Pem {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pem() {}

    /**
     * What a service learns from an uploaded chain.
     *
     * @param chainLength how many certificates the PEM holds
     * @param fingerprint SHA-256 of the leaf DER, 64 lowercase hex
     * @param dnsNames the leaf's DNS subject alternative names, else its CN
     */
    record Chain(X509Certificate leaf, int chainLength, String fingerprint, String commonName, List<String> dnsNames) {

        Instant notAfter() {
            return leaf.getNotAfter().toInstant();
        }

        /** Whether the certificate is valid for {@code domain}: exact name, or a wildcard one label deep. */
        boolean covers(String domain) {
            String d = domain.toLowerCase(Locale.ROOT);
            for (String name : dnsNames) {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.equals(d)) {
                    return true;
                }
                int dot = d.indexOf('.');
                if (n.startsWith("*.") && dot > 0 && d.substring(dot + 1).equals(n.substring(2))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The chain in {@code pem} (leaf first); null when it holds no readable certificate. */
    static @Nullable Chain chain(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (all.isEmpty()) {
                return null;
            }
            X509Certificate leaf = (X509Certificate) all.iterator().next();
            String fingerprint = RemotePem.leafFingerprint(pem);
            if (fingerprint == null) {
                return null;
            }
            String cn = commonName(leaf);
            List<String> names = dnsNames(leaf);
            return new Chain(leaf, all.size(), fingerprint, cn, names.isEmpty() && !cn.isEmpty() ? List.of(cn) : names);
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    /** A chain's PEM split into the leaf's block and the blocks after it ("" when none). */
    record Split(String leaf, String rest) {}

    /** Splits {@code pem} after its first certificate block. */
    static Split split(String pem) {
        String end = "-----END CERTIFICATE-----";
        int at = pem.indexOf(end);
        if (at < 0) {
            return new Split(pem, "");
        }
        int cut = at + end.length();
        return new Split(pem.substring(0, cut).strip() + "\n", pem.substring(cut).strip().isEmpty() ? ""
                : pem.substring(cut).strip() + "\n");
    }

    /** The unencrypted private key in {@code pem} (PKCS#8, PKCS#1 or SEC1); null when there is none. */
    static @Nullable PrivateKey privateKey(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            return null; // encrypted, or not a key
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code key} is the private half of the certificate's public key: it signs, the certificate verifies. */
    static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SANs
        }
        return names;
    }
}
