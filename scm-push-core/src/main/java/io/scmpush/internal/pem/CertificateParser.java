package io.scmpush.internal.pem;

import io.scmpush.CertificateCodes;
import io.scmpush.InvalidCertificateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates the input of {@link io.scmpush.Certificate.Builder} with BouncyCastle: every input that
 * {@link JdkInput} leaves to it (see {@link CertificateInput}), and every error.
 */
final class CertificateParser {
    private static final int MAX_INPUT_CHARS = CertificateInput.MAX_INPUT_CHARS;

    private CertificateParser() {}

    /**
     * @throws io.scmpush.InvalidCertificateException with a stable code for any unusable input
     */
    static ParsedCertificate parse(String certificatePem, @Nullable String privateKeyPem,
            char @Nullable [] password) {
        requireSize(certificatePem, "certificate");
        if (privateKeyPem != null) {
            requireSize(privateKeyPem, "private key");
        }
        // Each step turns whatever its parsers throw into its own code, so nothing else reaches the caller.
        List<X509Certificate> certificates = step(CertificateCodes.PEM_MALFORMED, "certificate", () -> readCertificates(certificatePem));
        List<X509Certificate> chain = step(CertificateCodes.CHAIN_INVALID, "certificate chain", () -> ChainOrder.order(certificates));
        X509Certificate leaf = chain.get(0);
        String leafName = ChainOrder.subject(leaf);
        SubjectPublicKeyInfo leafKey = publicKey(leaf);
        step(CertificateCodes.UNSUPPORTED_KEY, "certificate's public key", () -> {
            PrivateKeys.requirePushable(leafKey, leafName);
            return leafKey;
        });
        String keyPem = privateKeyPem == null ? null : matchingKeyPem(privateKeyPem, password, leafKey, leafName);
        return step(CertificateCodes.PEM_MALFORMED, "certificate", () -> describe(chain, keyPem));
    }

    /** The key as unencrypted PKCS#8 PEM, once it is known to be the leaf's. */
    private static String matchingKeyPem(String privateKeyPem, char @Nullable [] password, SubjectPublicKeyInfo leafKey,
            String leafName) {
        PrivateKeyInfo key = step(CertificateCodes.KEY_MALFORMED, "private key", () -> PrivateKeys.read(privateKeyPem, password));
        if (!PrivateKeys.matches(key, leafKey)) {
            throw new InvalidCertificateException(CertificateCodes.KEY_MISMATCH, "the private key (" + PrivateKeys.describe(key)
                    + ") does not match the certificate " + leafName + " (" + PrivateKeys.describe(leafKey)
                    + "); pass the key that was generated with its CSR");
        }
        return CertificateInput.pem("PRIVATE KEY", encode(key));
    }

    /** Fingerprint, domains, default name and PEM of a validated chain. */
    private static ParsedCertificate describe(List<X509Certificate> chain, @Nullable String keyPem) {
        X509Certificate leaf = chain.get(0);
        String fingerprint = fingerprint(leaf);
        Optional<String> commonName = commonName(leaf);
        List<String> domains = dnsNames(leaf);
        if (domains.isEmpty() && commonName.isPresent()) {
            domains = List.of(commonName.get());
        }
        StringBuilder chainPem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            chainPem.append(CertificateInput.pem("CERTIFICATE", der(certificate)));
        }
        return new ParsedCertificate(chain, chainPem.toString(), keyPem, fingerprint, domains,
                CertificateInput.defaultName(commonName.orElse(""), fingerprint));
    }

    /**
     * Runs one step of parsing; an exception that is not already an {@link InvalidCertificateException}
     * becomes one with {@code code}. Deeply nested ASN.1 overflows the recursive parsers' stack: that is the
     * input's fault, not a crash.
     */
    private static <T> T step(String code, String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidCertificateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidCertificateException(code, "the " + what + " cannot be read (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (StackOverflowError e) {
            throw new InvalidCertificateException(code, "the " + what + " nests ASN.1 too deeply to be read");
        }
    }

    private static void requireSize(String pem, String what) {
        if (pem.length() > MAX_INPUT_CHARS) {
            throw new InvalidCertificateException(CertificateCodes.INPUT_TOO_LARGE, "the " + what + " PEM has " + pem.length()
                    + " characters; at most " + MAX_INPUT_CHARS + " (1 MiB) are accepted");
        }
    }

    /** Every X.509 certificate in the input, duplicates dropped; other PEM blocks (keys, CRLs, …) are ignored. */
    private static List<X509Certificate> readCertificates(String pem) {
        List<PemBlock> blocks;
        try {
            blocks = PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage(), e);
        }
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        Set<String> otherLabels = new LinkedHashSet<>();
        for (PemBlock block : blocks) {
            Optional<byte[]> der = certificateDer(block);
            if (der.isEmpty()) {
                otherLabels.add(block.label());
                continue;
            }
            X509Certificate certificate = x509(der.get(), block);
            certificates.putIfAbsent(Base64.getEncoder().encodeToString(der.get()), certificate);
        }
        if (certificates.isEmpty()) {
            throw new InvalidCertificateException(CertificateCodes.NO_CERTIFICATE, otherLabels.isEmpty()
                    ? "the certificate input holds no PEM block; expected '-----BEGIN CERTIFICATE-----'"
                            + PemBlock.flattenedHint(pem)
                    : "the certificate input holds no X.509 certificate, only " + String.join(", ", otherLabels)
                            + "; expected '-----BEGIN CERTIFICATE-----'"
                            + (otherLabels.contains("PKCS7") ? " (convert with 'openssl pkcs7 -print_certs')" : ""));
        }
        return new ArrayList<>(certificates.values());
    }

    /** The certificate DER of a block, if it holds one. */
    private static Optional<byte[]> certificateDer(PemBlock block) {
        String what = "the " + block.label() + " block on line " + block.line();
        switch (block.label()) {
            case "CERTIFICATE", "X509 CERTIFICATE", "X.509 CERTIFICATE" -> {
                return Optional.of(Der.single(decode(block), what, CertificateCodes.PEM_MALFORMED));
            }
            case "TRUSTED CERTIFICATE" -> {
                // OpenSSL appends its trust settings after the certificate; the certificate is what services take.
                byte[] der = decode(block);
                return Optional.of(Arrays.copyOf(der, Der.firstSequenceLength(der, what, CertificateCodes.PEM_MALFORMED)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * The JDK reads nearly every certificate; BouncyCastle also reads the few it refuses although they are
     * valid DER (a key type it has no parser for, such as X9.42 DH).
     */
    private static X509Certificate x509(byte[] der, PemBlock block) {
        String what = "the " + block.label() + " block on line " + block.line();
        try {
            return checked(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | RuntimeException jdkFailure) {
            try {
                return checked(CertificateFactory.getInstance("X.509", BouncyCastle.provider())
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                throw malformed(what + " is not an X.509 certificate that Java can read (" + jdkFailure.getMessage()
                        + ")", jdkFailure);
            }
        }
    }

    /** Reads every field up front, so that a value Java cannot represent fails here rather than in a caller. */
    private static X509Certificate checked(java.security.cert.Certificate parsed) throws CertificateException {
        if (!(parsed instanceof X509Certificate certificate)) {
            throw new CertificateException("not an X.509 certificate");
        }
        JdkInput.readEveryField(certificate);
        publicKey(certificate);
        return certificate;
    }

    private static SubjectPublicKeyInfo publicKey(X509Certificate certificate) {
        try {
            return org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded()).getSubjectPublicKeyInfo();
        } catch (CertificateEncodingException | RuntimeException e) {
            throw malformed("the certificate " + ChainOrder.subject(certificate) + " has an unreadable public key", e);
        }
    }

    /** DNS subject alternative names in certificate order, without duplicates (DNS names ignore case). */
    private static List<String> dnsNames(X509Certificate leaf) {
        byte[] extension = leaf.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return List.of();
        }
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            Map<String, String> unique = new LinkedHashMap<>();
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    String dns = ((ASN1String) name.getName()).getString();
                    unique.putIfAbsent(dns.toLowerCase(Locale.ROOT), dns);
                }
            }
            return List.copyOf(unique.values());
        } catch (RuntimeException e) {
            throw malformed("the subject alternative names of " + ChainOrder.subject(leaf) + " cannot be read", e);
        }
    }

    /** The most specific (last) CN of the subject. */
    private static Optional<String> commonName(X509Certificate leaf) {
        try {
            X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
            String cn = null;
            for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
                for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                    ASN1Encodable v = value.getValue();
                    if (value.getType().equals(BCStyle.CN) && v instanceof ASN1String s) {
                        cn = s.getString();
                    }
                }
            }
            return Optional.ofNullable(cn).map(String::strip).filter(s -> !s.isEmpty());
        } catch (RuntimeException e) {
            throw malformed("the subject of the certificate cannot be read", e);
        }
    }

    static String fingerprint(X509Certificate leaf) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(leaf)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw malformed("the certificate " + ChainOrder.subject(certificate) + " cannot be encoded", e);
        }
    }

    private static byte[] encode(PrivateKeyInfo key) {
        try {
            return key.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new InvalidCertificateException(CertificateCodes.KEY_MALFORMED, "the private key cannot be encoded as PKCS#8");
        }
    }

    private static byte[] decode(PemBlock block) {
        try {
            return block.decode();
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private static InvalidCertificateException malformed(@Nullable String message, Throwable cause) {
        return new InvalidCertificateException(CertificateCodes.PEM_MALFORMED, String.valueOf(message), cause);
    }
}
