package io.scmpush;

import org.jspecify.annotations.Nullable;

/**
 * The certificate or key given to {@link Certificate.Builder} cannot be used. Codes:
 * {@code PEM_MALFORMED}, {@code NO_CERTIFICATE}, {@code KEY_MALFORMED}, {@code KEY_MISMATCH},
 * {@code KEY_ENCRYPTED}, {@code KEY_PASSWORD_WRONG}, {@code UNSUPPORTED_KEY}, {@code CHAIN_INVALID},
 * {@code INPUT_TOO_LARGE}.
 */
public final class InvalidCertificateException extends ScmPushException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code one of the codes above
     * @param message what is wrong with the input, never the input itself
     */
    public InvalidCertificateException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code one of the codes above
     * @param message what is wrong with the input, never the input itself
     * @param cause the parser's failure, if any
     */
    public InvalidCertificateException(String code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
