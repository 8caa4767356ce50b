package io.scmpush.internal.pem;

import io.scmpush.CertificateCodes;
import io.scmpush.InvalidCertificateException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Puts certificates given in any order into one chain: the leaf (the only certificate that issued
 * none of the others), then its issuer, and so on. "Issued" means the subject DN matches the issuer DN
 * <em>and</em> the signature verifies with the issuer's key — or, where the JDK cannot check that
 * signature algorithm, the authority key identifier matches the subject key identifier — so that two
 * CAs that share a name are never mixed up.
 */
final class ChainOrder {
    /** Real chains are 2–5 certificates; the cap keeps the pairwise signature checks cheap. */
    static final int MAX_CERTIFICATES = 16;

    private static final Map<String, String> READABLE_KEYWORDS = Map.of("1.2.840.113549.1.9.1", "emailAddress");

    private ChainOrder() {}

    /**
     * @param certificates distinct certificates, at least one
     * @return the same certificates, leaf first
     * @throws InvalidCertificateException CHAIN_INVALID when they do not form exactly one chain
     */
    static List<X509Certificate> order(List<X509Certificate> certificates) {
        int n = certificates.size();
        if (n > MAX_CERTIFICATES) {
            throw chainInvalid("the certificate PEM holds " + n + " certificates; a chain has at most "
                    + MAX_CERTIFICATES + " (leaf and intermediates)");
        }
        if (n == 1) {
            return List.copyOf(certificates);
        }
        boolean[][] issued = new boolean[n][n]; // issued[a][b]: a issued b
        boolean[] issuedAnother = new boolean[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && issued(certificates.get(a), certificates.get(b))) {
                    issued[a][b] = true;
                    issuedAnother[a] = true;
                }
            }
        }
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!issuedAnother[i]) {
                leaves.add(i);
            }
        }
        if (leaves.isEmpty()) {
            throw chainInvalid("the certificates " + names(certificates, allIndexes(n))
                    + " issued each other in a loop, so none of them is the leaf");
        }
        if (leaves.size() > 1) {
            List<Integer> endEntities = leaves.stream()
                    .filter(i -> certificates.get(i).getBasicConstraints() < 0).toList();
            if (endEntities.size() == 1) {
                List<Integer> strays = new ArrayList<>(leaves);
                strays.removeAll(endEntities);
                throw chainInvalid(names(certificates, strays) + " did not issue any certificate in the chain of "
                        + subject(certificates.get(endEntities.get(0)))
                        + "; remove it, or add the intermediate that links them");
            }
            throw chainInvalid("the certificate PEM holds " + leaves.size()
                    + " certificates that did not issue any of the others: " + names(certificates, leaves)
                    + "; a chain has one leaf, so pass one leaf with its own intermediates only");
        }
        List<X509Certificate> chain = new ArrayList<>(n);
        Set<Integer> used = new LinkedHashSet<>();
        int current = leaves.get(0);
        while (true) {
            chain.add(certificates.get(current));
            used.add(current);
            List<Integer> issuers = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                if (issued[a][current]) {
                    issuers.add(a);
                }
            }
            if (issuers.isEmpty()) {
                break;
            }
            if (issuers.size() > 1) {
                throw chainInvalid("more than one certificate can have issued " + subject(certificates.get(current))
                        + ": " + names(certificates, issuers) + "; pass only one of them");
            }
            int next = issuers.get(0);
            if (used.contains(next)) {
                throw chainInvalid("the certificates " + names(certificates, used)
                        + " issued each other in a loop");
            }
            current = next;
        }
        if (chain.size() < n) {
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!used.contains(i)) {
                    rest.add(i);
                }
            }
            throw chainInvalid(names(certificates, rest) + " did not issue any certificate in the chain of "
                    + subject(chain.get(0)) + "; remove it or pass its missing links");
        }
        return List.copyOf(chain);
    }

    /** Whether {@code issuer} signed {@code subject}. */
    static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (SignatureException | InvalidKeyException e) {
            return false; // wrong key (a different CA with the same name) or a broken signature
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            return keyIdentifiersMatch(issuer, subject);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** For a signature the JDK cannot check: the AKID key identifier must equal the issuer's SKID, when both exist. */
    private static boolean keyIdentifiersMatch(X509Certificate issuer, X509Certificate subject) {
        try {
            Optional<byte[]> authorityKeyId = extension(subject, Extension.authorityKeyIdentifier)
                    .map(v -> AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierObject())
                    .map(ASN1OctetString::getOctets);
            Optional<byte[]> subjectKeyId = extension(issuer, Extension.subjectKeyIdentifier)
                    .map(v -> SubjectKeyIdentifier.getInstance(v).getKeyIdentifier());
            if (authorityKeyId.isEmpty() || subjectKeyId.isEmpty()) {
                return true; // nothing more to go on than the name
            }
            return Arrays.equals(authorityKeyId.get(), subjectKeyId.get());
        } catch (RuntimeException e) {
            return false; // an unreadable identifier links nothing
        }
    }

    private static Optional<byte[]> extension(X509Certificate certificate,
            org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] value = certificate.getExtensionValue(oid.getId());
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(ASN1OctetString.getInstance(value).getOctets());
    }

    private static String names(List<X509Certificate> certificates, Iterable<Integer> indexes) {
        List<String> names = new ArrayList<>();
        // Certificates that do not chain often share a name; the fingerprint tells them apart.
        indexes.forEach(i -> names.add(subject(certificates.get(i)) + " (SHA-256 "
                + CertificateParser.fingerprint(certificates.get(i)).substring(0, 16) + "…)"));
        return names.stream().collect(Collectors.joining(", "));
    }

    private static List<Integer> allIndexes(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** The subject DN as a person reads it (RFC 2253, with emailAddress spelled out). */
    static String subject(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, READABLE_KEYWORDS);
        return name.isEmpty() ? "(empty subject, serial " + certificate.getSerialNumber().toString(16) + ")" : name;
    }

    private static InvalidCertificateException chainInvalid(String message) {
        return new InvalidCertificateException(CertificateCodes.CHAIN_INVALID, message);
    }
}
