package io.scmpush;

/** Who generated the CSR the certificate was issued for; a {@code MANUAL} CSR means no key to push. */
public enum CsrOrigin {
    /** The certificate manager generated the CSR and holds the key. */
    SYSTEM,
    /** The applicant made the CSR and kept the key: the {@code MANUAL_CSR} rule refuses to push it. */
    MANUAL
}
