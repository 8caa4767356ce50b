package io.scmpush.spi.support;

import io.scmpush.spi.BoundCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Reads the certificate bodies (PEM) that services return, to compare them with a pushed
 * {@link io.scmpush.Certificate} by its {@linkplain io.scmpush.Certificate#fingerprint() fingerprint}: the
 * comparison {@code ALREADY_PUSHED} and {@link IdempotentCreate}'s re-reads rely on. A body that cannot be
 * read is not ours, and never fails the caller.
 *
 * <pre>{@code
 * String pem = item.certificateBody();                                  // as the service listed it
 * boolean ours = certificate.fingerprint().equals(RemotePem.leafFingerprint(pem));
 * }</pre>
 */
public final class RemotePem {
    private RemotePem() {}

    /**
     * The SHA-256 fingerprint (64 lowercase hex) of the first certificate in {@code pem}, the leaf of a
     * chain a service returns; null when there is none or it cannot be read (a foreign body is not our
     * certificate, and must not fail an inventory).
     *
     * @param pem the body as the service returned it: one certificate or a chain, leaf first; may be null
     * @return 64 lowercase hex digits, as {@link io.scmpush.Certificate#fingerprint()} gives them; null when
     *     {@code pem} holds no readable certificate
     */
    public static @Nullable String leafFingerprint(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate leaf = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        } catch (CertificateException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A certificate a resource references, described from the body a service returns: its fingerprint,
     * expiry and DNS names (the leaf's DNS SANs, else its CN). Only the id and name when the body is absent
     * or cannot be read.
     *
     * @param id the certificate's id in the service
     * @param name its name there; null when the service gives none
     * @param pem its body as the service returned it; null when it returned none
     * @return the description; fingerprint, expiry and names empty when {@code pem} cannot be read
     */
    public static BoundCertificate describe(String id, @Nullable String name, @Nullable String pem) {
        X509Certificate leaf = leaf(pem);
        if (leaf == null) {
            return new BoundCertificate(id, name, null, null, List.of());
        }
        return new BoundCertificate(id, name, leafFingerprint(pem), leaf.getNotAfter().toInstant(), dnsNames(leaf));
    }

    private static @Nullable X509Certificate leaf(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> dnsNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String dns) {
                        names.add(dns);
                    }
                }
            }
        } catch (CertificateException e) {
            // unreadable SANs: fall back to the CN
        }
        if (names.isEmpty()) {
            String dn = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
            for (String part : dn.split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        return names;
    }
}
