package io.scmpush.internal.provider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Reads certificate bodies that services return, to compare them with ours by fingerprint. */
public final class RemotePem {
    private RemotePem() {}

    /**
     * The SHA-256 fingerprint (64 lowercase hex) of the first certificate in {@code pem}, the leaf of a
     * chain a service returns; null when there is none or it cannot be read (a foreign body is not our
     * certificate, and must not fail an inventory).
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
}
