package io.scmpush;

import java.util.Locale;

/** The status of a certificate in the certificate manager; only {@code ISSUED} and {@code HOSTED} may be pushed. */
public enum CertificateStatus {
    /** Paid for; not yet applied for. */
    PAID,
    /** The application is being reviewed. */
    CHECKING,
    /** Reviewed; the CA is issuing it. */
    ISSUING,
    /** Issued by the CA: may be pushed. */
    ISSUED,
    /** Uploaded to the certificate manager from elsewhere ({@code UPLOAD} in its API): may be pushed. */
    HOSTED,
    /** The application was not approved. */
    UNPASSED,
    /** Past its validity. */
    EXPIRED,
    /** Revocation requested. */
    REVOKING,
    /** Revoked. */
    REVOKED;

    /**
     * Maps a status string of the certificate manager's API to this enum: {@code UPLOAD} is
     * {@code HOSTED}, the review states are {@code CHECKING}, {@code CANCLEREVOKING} (sic) is
     * {@code REVOKING}.
     *
     * @param scmStatus a {@code status} value of the certificate manager's API, in any case
     * @return the matching status
     * @throws IllegalArgumentException for a status the certificate manager does not define
     */
    public static CertificateStatus fromScm(String scmStatus) {
        String s = scmStatus.trim().toUpperCase(Locale.ROOT);
        switch (s) {
            case "UPLOAD":
                return HOSTED;
            case "CANCELCHECKING":
            case "CHECKING_ORG":
            case "SUPPLEMENTCHECKING":
            case "CANCELSUPPLEMENTING":
                return CHECKING;
            case "CANCLEREVOKING":
                return REVOKING;
            default:
                for (CertificateStatus status : values()) {
                    if (status.name().equals(s)) {
                        return status;
                    }
                }
                throw new IllegalArgumentException("Unknown certificate manager status: '" + scmStatus + "'");
        }
    }
}
