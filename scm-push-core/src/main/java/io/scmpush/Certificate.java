package io.scmpush;

import io.scmpush.internal.pem.CertificateInput;
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

    /**
     * Starts a certificate; {@link Builder#certificatePem(String)} is the only required input.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name sent to every service: the one given to the builder, else leaf CN (sanitized) + {@code -}
     * + the first 8 hex digits of the fingerprint; 3–63 characters of {@code [A-Za-z0-9_.-]}.
     *
     * @return the certificate's name at every service
     */
    public String name() {
        return name;
    }

    /**
     * {@return the status in the certificate manager, checked by the {@code CERT_STATUS} rule; default
     * {@link CertificateStatus#HOSTED}}
     */
    public CertificateStatus status() {
        return status;
    }

    /** {@return how the CSR was made, checked by the {@code MANUAL_CSR} rule; default {@link CsrOrigin#SYSTEM}} */
    public CsrOrigin csrOrigin() {
        return csrOrigin;
    }

    /** {@return the certificate's id in the certificate manager, when it came from there} */
    public Optional<String> scmId() {
        return Optional.ofNullable(scmId);
    }

    /** {@return the end-entity certificate, the first of {@link #chain()}} */
    public X509Certificate leaf() {
        return parsed.chain().get(0);
    }

    /** {@return the chain: leaf first, then each issuer in order; a self-signed root, if given, last} */
    public List<X509Certificate> chain() {
        return parsed.chain();
    }

    /**
     * {@return the leaf's DNS subject alternative names in certificate order without duplicates, else its
     * subject CN}
     */
    public List<String> domains() {
        return parsed.domains();
    }

    /** {@return the start of the leaf's validity, checked by the {@code CERT_NOT_YET_VALID} rule} */
    public Instant notBefore() {
        return notBefore;
    }

    /** {@return the end of the leaf's validity, checked by {@code CERT_EXPIRED} and {@code CERT_EXPIRING_SOON}} */
    public Instant notAfter() {
        return notAfter;
    }

    /** {@return the SHA-256 of the leaf's DER encoding, 64 lowercase hex digits: the history's key} */
    public String fingerprint() {
        return parsed.fingerprint();
    }

    /** {@return the chain as PEM, leaf first: what services receive as the certificate body} */
    public String certificatePem() {
        return parsed.chainPem();
    }

    /**
     * The private key as unencrypted PKCS#8 PEM: a secret, never log it.
     *
     * @return the key; empty when none was given (a CA or manual-CSR certificate)
     */
    public Optional<String> privateKeyPem() {
        return Optional.ofNullable(parsed.privateKeyPem());
    }

    /** {@return whether a private key was given, as the {@code PRIVATE_KEY_REQUIRED} rule asks} */
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

        /**
         * The leaf and its intermediates (a root may be included), PEM, in any order.
         *
         * @param pem one or more {@code CERTIFICATE} blocks
         * @return this builder
         */
        public Builder certificatePem(String pem) {
            this.certificatePem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /**
         * An unencrypted private key: PKCS#1 RSA, PKCS#8 or SEC1 EC.
         *
         * @param pem the key's PEM block; replaces any key given before
         * @return this builder
         */
        public Builder privateKeyPem(String pem) {
            this.privateKeyPem = Objects.requireNonNull(pem, "pem");
            this.password = null;
            return this;
        }

        /**
         * An encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE KEY}) and its password. The password is copied,
         * and the copy is wiped when {@link #build()} has decrypted the key.
         *
         * @param pem the {@code ENCRYPTED PRIVATE KEY} block; replaces any key given before
         * @param password the key's password; the caller may wipe its array afterwards
         * @return this builder
         */
        public Builder privateKeyPem(String pem, char[] password) {
            this.privateKeyPem = Objects.requireNonNull(pem, "pem");
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * The name to send to every service instead of the content-addressed default.
         *
         * @param name 3–63 characters of {@code [A-Za-z0-9_.-]}
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when {@code name} is not 3–63 characters of {@code [A-Za-z0-9_.-]}
         */
        public Builder name(String name) {
            this.name = CertificateInput.checkName(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * The status in the certificate manager; default {@link CertificateStatus#HOSTED} (an uploaded
         * certificate).
         *
         * @param status the status the {@code CERT_STATUS} rule checks
         * @return this builder
         */
        public Builder status(CertificateStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * How the CSR was made; default {@link CsrOrigin#SYSTEM}.
         *
         * @param csrOrigin {@link CsrOrigin#MANUAL} makes the {@code MANUAL_CSR} rule reject every target
         * @return this builder
         */
        public Builder csrOrigin(CsrOrigin csrOrigin) {
            this.csrOrigin = Objects.requireNonNull(csrOrigin, "csrOrigin");
            return this;
        }

        /**
         * The certificate's id in the certificate manager, for certificates read from there.
         *
         * @param scmId the certificate manager's id, kept as {@link Certificate#scmId()}
         * @return this builder
         */
        public Builder scmId(String scmId) {
            this.scmId = Objects.requireNonNull(scmId, "scmId");
            return this;
        }

        /**
         * Parses and validates the chain and key.
         *
         * @return the validated certificate
         * @throws InvalidCertificateException with a stable code when the input cannot be used
         * @throws IllegalStateException when no certificate PEM was given
         */
        public Certificate build() {
            if (certificatePem == null) {
                throw new IllegalStateException("certificatePem(...) is required");
            }
            char[] pw = password;
            try {
                ParsedCertificate parsed = CertificateInput.parse(certificatePem, privateKeyPem, pw);
                String n = name != null ? name : parsed.defaultName();
                return new Certificate(parsed, n, status, csrOrigin, scmId);
            } finally {
                if (pw != null) {
                    Arrays.fill(pw, '\0');
                }
            }
        }
    }
}
