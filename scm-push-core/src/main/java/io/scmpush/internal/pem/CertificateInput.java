package io.scmpush.internal.pem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link io.scmpush.Certificate.Builder} hands its input: {@link JdkInput} reads the ordinary
 * inputs with the JDK alone; everything else, and every input that fails, goes to {@link CertificateParser}
 * (BouncyCastle), which gives the result and the error codes it always gave. The split is for cold start:
 * BouncyCastle's jar is signed, and the JDK verifies that signature when the first of its classes loads,
 * which took longer than the rest of a first push (benchmarks/README.md, issue #16). This class and
 * {@code JdkInput} must therefore never reference a BouncyCastle type.
 */
public final class CertificateInput {
    /** The largest PEM input accepted, in characters: far above any real chain, low enough to bound the work. */
    static final int MAX_INPUT_CHARS = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{3,63}");
    private static final int FINGERPRINT_PREFIX = 8;
    private static final int MAX_NAME = 63;

    private CertificateInput() {}

    /**
     * @throws io.scmpush.InvalidCertificateException with a stable code for any unusable input
     */
    public static ParsedCertificate parse(String certificatePem, @Nullable String privateKeyPem,
            char @Nullable [] password) {
        ParsedCertificate ordinary = JdkInput.read(certificatePem, privateKeyPem);
        return ordinary != null ? ordinary : CertificateParser.parse(certificatePem, privateKeyPem, password);
    }

    /** Returns {@code name} if it is 3–63 chars of [A-Za-z0-9_.-]; else throws IllegalArgumentException. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
            throw new IllegalArgumentException("the certificate name '" + shown
                    + "' must be 3 to 63 characters of letters, digits, '_', '.' and '-'");
        }
        return name;
    }

    /** Leaf CN made safe for every service, with the fingerprint prefix that makes it content-addressed. */
    static String defaultName(String commonName, String fingerprint) {
        String base = commonName.replace("*", "wildcard")
                .replaceAll("[^A-Za-z0-9_.-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        String suffix = "-" + fingerprint.substring(0, FINGERPRINT_PREFIX);
        if (base.length() > MAX_NAME - suffix.length()) {
            base = base.substring(0, MAX_NAME - suffix.length()).replaceAll("[-.]+$", "");
        }
        if (base.isEmpty()) {
            base = "certificate";
        }
        return base + suffix;
    }

    /** SHA-256 of the certificate's DER, 64 lowercase hex. */
    static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** PEM with 64-character lines, as RFC 7468 writes it. */
    static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }
}
