package io.scmpush;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception scm-push throws. Each carries a stable {@link #code()} that a program
 * can switch on; the message is for a person and never contains key material or secrets.
 */
public abstract class ScmPushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this error. */
    private final String code;

    /**
     * Creates the exception.
     *
     * @param code the stable code, upper case with underscores
     * @param message what went wrong and what to do, for a person; never key material or a secret
     * @param cause the underlying failure, if any
     */
    protected ScmPushException(String code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** {@return the stable code of this error, e.g. {@code KEY_MISMATCH} or {@code NO_CREDENTIALS}} */
    public String code() {
        return code;
    }
}
