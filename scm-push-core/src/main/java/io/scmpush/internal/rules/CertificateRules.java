package io.scmpush.internal.rules;

import static io.scmpush.internal.rules.StandardRules.CERT_EXPIRED;
import static io.scmpush.internal.rules.StandardRules.CERT_EXPIRING_SOON;
import static io.scmpush.internal.rules.StandardRules.CERT_NOT_YET_VALID;
import static io.scmpush.internal.rules.StandardRules.CERT_STATUS;
import static io.scmpush.internal.rules.StandardRules.MANUAL_CSR;
import static io.scmpush.internal.rules.StandardRules.WEAK_KEY;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.Violation;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rules about the certificate itself; their violations apply to every target (service null). */
final class CertificateRules {
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final int MIN_RSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;
    // NIST SP 800-57 puts DSA at the same strength as RSA of the same modulus size.
    private static final int MIN_DSA_BITS = 2048;

    private CertificateRules() {}

    static List<Violation> status(RuleContext context) {
        Certificate certificate = context.certificate();
        CertificateStatus status = certificate.status();
        if (status == CertificateStatus.ISSUED || status == CertificateStatus.HOSTED) {
            return List.of();
        }
        return List.of(Violation.error(CERT_STATUS, null, null, "Certificate '" + certificate.name() + "' is "
                + status + ": only an ISSUED or HOSTED certificate can be pushed; push it once it is issued"));
    }

    static List<Violation> manualCsr(RuleContext context) {
        Certificate certificate = context.certificate();
        if (certificate.csrOrigin() != CsrOrigin.MANUAL) {
            return List.of();
        }
        return List.of(Violation.error(MANUAL_CSR, null, null, "Certificate '" + certificate.name()
                + "' was applied for with a manually generated CSR, which the certificate manager does not push:"
                + " deploy it to the service yourself, or apply for one with a system-generated CSR"));
    }

    static List<Violation> expired(RuleContext context) {
        Certificate certificate = context.certificate();
        if (!context.now().isAfter(certificate.notAfter())) {
            return List.of();
        }
        return List.of(Violation.error(CERT_EXPIRED, null, null, "Certificate '" + certificate.name()
                + "' expired at " + certificate.notAfter() + ": renew it and push the new certificate"));
    }

    static List<Violation> notYetValid(RuleContext context) {
        Certificate certificate = context.certificate();
        if (!context.now().isBefore(certificate.notBefore())) {
            return List.of();
        }
        return List.of(Violation.error(CERT_NOT_YET_VALID, null, null, "Certificate '" + certificate.name()
                + "' is not valid before " + certificate.notBefore() + ": push it from then on"));
    }

    static List<Violation> expiringSoon(RuleContext context) {
        Certificate certificate = context.certificate();
        Instant now = context.now();
        Instant notAfter = certificate.notAfter();
        if (now.isAfter(notAfter) || notAfter.isAfter(now.plus(EXPIRY_WARNING))) {
            return List.of();
        }
        long days = Duration.between(now, notAfter).toDays();
        String when = days == 0 ? "in less than a day" : days == 1 ? "in 1 day" : "in " + days + " days";
        return List.of(Violation.warning(CERT_EXPIRING_SOON, null, null, "Certificate '" + certificate.name()
                + "' expires at " + notAfter + ", " + when + ": renew it soon"));
    }

    static List<Violation> weakKey(RuleContext context) {
        Certificate certificate = context.certificate();
        return weakness(certificate.leaf().getPublicKey())
                .map(why -> List.of(Violation.error(WEAK_KEY, null, null, "Certificate '" + certificate.name()
                        + "' has a weak key: " + why + "; issue a new certificate with a stronger key")))
                .orElse(List.of());
    }

    /**
     * Why {@code key} is too weak to push, if it is: RSA and DSA below 2048 bits, EC below 256. Other
     * algorithms (EdDSA) have no size to fall short of.
     */
    static Optional<String> weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return tooSmall("RSA", rsa.getModulus().bitLength(), MIN_RSA_BITS);
        }
        if (key instanceof ECPublicKey ec) {
            return tooSmall("EC", ec.getParams().getCurve().getField().getFieldSize(), MIN_EC_BITS);
        }
        if (key instanceof DSAPublicKey dsa) {
            DSAParams params = dsa.getParams();
            return params == null ? Optional.empty() : tooSmall("DSA", params.getP().bitLength(), MIN_DSA_BITS);
        }
        return Optional.empty();
    }

    private static Optional<String> tooSmall(String algorithm, int bits, int minimum) {
        return bits >= minimum ? Optional.empty()
                : Optional.of(algorithm + " of " + bits + " bits, where at least " + minimum + " are needed");
    }
}
