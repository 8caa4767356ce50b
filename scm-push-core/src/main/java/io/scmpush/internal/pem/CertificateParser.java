package io.scmpush.internal.pem;

import org.jspecify.annotations.Nullable;

/** Parses and validates the input of {@link io.scmpush.Certificate.Builder}. */
public final class CertificateParser {
    private CertificateParser() {}

    /**
     * @throws io.scmpush.InvalidCertificateException with a stable code for any unusable input
     */
    public static ParsedCertificate parse(String certificatePem, @Nullable String privateKeyPem,
            char @Nullable [] password) {
        throw new UnsupportedOperationException("TODO(certificate)");
    }

    /** Returns {@code name} if it is 3–63 chars of [A-Za-z0-9_.-]; else throws ConfigurationException INVALID_ARGUMENT. */
    public static String checkName(String name) {
        throw new UnsupportedOperationException("TODO(certificate)");
    }
}
