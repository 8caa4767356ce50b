package io.scmpush;

/** Who generated the CSR the certificate was issued for; a {@code MANUAL} CSR means no key to push. */
public enum CsrOrigin {
    SYSTEM,
    MANUAL
}
