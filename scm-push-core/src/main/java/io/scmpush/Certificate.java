package io.scmpush;

import io.scmpush.internal.pem.CertificateParser;
import io.scmpush.internal.pem.ParsedCertificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A certificate chain, optionally with its private key, validated and normalized: the chain is
 * leaf first, the key matches the leaf, and the key is held as unencrypted PKCS#8. Immutable and
 * thread-safe. {@link #toString()} never contains key material.
 */
public final class Certificate {
    private final ParsedCertificate parsed;
    private final String name;
    private final CertificateStatus status;
    private final CsrOrigin csrOrigin;
    private final @Nullable String scmId;
    // Kept once: X509Certificate.getNotBefore/getNotAfter look the field up by name and copy a Date on
    // every call, and the rules and the engine read them on every push.
    private final Instant notBefore;
    private final Instant notAfter;

    private Certificate(ParsedCertificate parsed, String name, CertificateStatus status, CsrOrigin csrOrigin,
            @Nullable String scmId) {
        this.parsed = parsed;
        this.name = name;
        this.status = status;
        this.csrOrigin = csrOrigin;
        this.scmId = scmId;
        this.notBefore = leaf().getNotBefore().toInstant();
        this.notAfter = leaf().getNotAfter().toInstant();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name sent to every service: the one given to the builder, else leaf CN (sanitized) + {@code -}
     * + the first 8 hex digits of the fingerprint; 3–63 characters of {@code [A-Za-z0-9_.-]}.
     */
    public String name() {
        return name;
    }

    public CertificateStatus status() {
        return status;
    }

    public CsrOrigin csrOrigin() {
        return csrOrigin;
    }

    /** The certificate's id in the certificate manager, when it came from there. */
    public Optional<String> scmId() {
        return Optional.ofNullable(scmId);
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return parsed.chain().get(0);
    }

    /** Leaf first, then each issuer in order; a self-signed root, if given, last. */
    public List<X509Certificate> chain() {
        return parsed.chain();
    }

    /** DNS subject alternative names in certificate order without duplicates, else the subject CN. */
    public List<String> domains() {
        return parsed.domains();
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** SHA-256 of the leaf's DER encoding, 64 lowercase hex digits. */
    public String fingerprint() {
        return parsed.fingerprint();
    }

    /** The chain as PEM, leaf first: what services receive as the certificate body. */
    public String certificatePem() {
        return parsed.chainPem();
    }

    /** The private key as unencrypted PKCS#8 PEM; empty for a CA or manual-CSR certificate. */
    public Optional<String> privateKeyPem() {
        return Optional.ofNullable(parsed.privateKeyPem());
    }

    public boolean hasPrivateKey() {
        return parsed.privateKeyPem() != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate other && parsed.fingerprint().equals(other.parsed.fingerprint())
                && name.equals(other.name) && status == other.status && csrOrigin == other.csrOrigin
                && Objects.equals(scmId, other.scmId)
                && Objects.equals(parsed.privateKeyPem(), other.parsed.privateKeyPem())
                && parsed.chainPem().equals(other.parsed.chainPem());
    }

    @Override
    public int hashCode() {
        return Objects.hash(parsed.fingerprint(), name);
    }

    @Override
    public String toString() {
        return "Certificate[name=" + name + ", domains=" + domains() + ", fingerprint=" + fingerprint()
                + ", notAfter=" + notAfter() + ", status=" + status + ", privateKey="
                + (hasPrivateKey() ? "present" : "absent") + "]";
    }

    /** Builds a {@link Certificate}; {@link #build()} parses and validates everything at once. */
    public static final class Builder {
        private @Nullable String certificatePem;
        private @Nullable String privateKeyPem;
        private char @Nullable [] password;
        private @Nullable String name;
        private CertificateStatus status = CertificateStatus.HOSTED;
        private CsrOrigin csrOrigin = CsrOrigin.SYSTEM;
        private @Nullable String scmId;

        private Builder() {}

        /** The leaf and its intermediates (a root may be included), PEM, in any order. */
        public Builder certificatePem(String pem) {
            this.certificatePem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /** An unencrypted private key: PKCS#1 RSA, PKCS#8 or SEC1 EC. */
        public Builder privateKeyPem(String pem) {
            this.privateKeyPem = Objects.requireNonNull(pem, "pem");
            this.password = null;
            return this;
        }

        /** An encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE KEY}) and its password; the password is copied. */
        public Builder privateKeyPem(String pem, char[] password) {
            this.privateKeyPem = Objects.requireNonNull(pem, "pem");
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** The name to send to every service instead of the content-addressed default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Default {@link CertificateStatus#HOSTED}. */
        public Builder status(CertificateStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Default {@link CsrOrigin#SYSTEM}. */
        public Builder csrOrigin(CsrOrigin csrOrigin) {
            this.csrOrigin = Objects.requireNonNull(csrOrigin, "csrOrigin");
            return this;
        }

        public Builder scmId(String scmId) {
            this.scmId = Objects.requireNonNull(scmId, "scmId");
            return this;
        }

        /**
         * Parses and validates the chain and key.
         *
         * @throws InvalidCertificateException with a stable code when the input cannot be used
         * @throws IllegalStateException when no certificate PEM was given
         */
        public Certificate build() {
            if (certificatePem == null) {
                throw new IllegalStateException("certificatePem(...) is required");
            }
            char[] pw = password;
            try {
                ParsedCertificate parsed = CertificateParser.parse(certificatePem, privateKeyPem, pw);
                String n = name != null ? CertificateParser.checkName(name) : parsed.defaultName();
                return new Certificate(parsed, n, status, csrOrigin, scmId);
            } finally {
                if (pw != null) {
                    Arrays.fill(pw, '\0');
                }
            }
        }
    }
}
