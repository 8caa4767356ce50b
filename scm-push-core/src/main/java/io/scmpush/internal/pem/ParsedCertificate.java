package io.scmpush.internal.pem;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CertificateParser} makes of the builder's input.
 *
 * @param chain leaf first, then each issuer; a self-signed root last
 * @param chainPem the chain re-encoded as PEM in that order
 * @param privateKeyPem the key as unencrypted PKCS#8 PEM, null when none was given
 * @param fingerprint SHA-256 of the leaf DER, 64 lowercase hex
 * @param domains DNS SANs in order without duplicates, else the CN
 * @param defaultName sanitized CN + "-" + first 8 hex of the fingerprint, 3–63 chars of [A-Za-z0-9_.-]
 */
public record ParsedCertificate(List<X509Certificate> chain, String chainPem, @Nullable String privateKeyPem,
        String fingerprint, List<String> domains, String defaultName) {

    public ParsedCertificate {
        chain = List.copyOf(chain);
        domains = List.copyOf(domains);
    }

    @Override
    public String toString() {
        return "ParsedCertificate[fingerprint=" + fingerprint + ", domains=" + domains + "]";
    }
}
