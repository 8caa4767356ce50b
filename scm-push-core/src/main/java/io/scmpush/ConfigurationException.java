package io.scmpush;

import org.jspecify.annotations.Nullable;

/**
 * scm-push is set up wrongly: missing credentials ({@code NO_CREDENTIALS}), two providers for one
 * service ({@code DUPLICATE_PROVIDER}), a plain-HTTP remote endpoint ({@code INSECURE_ENDPOINT}),
 * a bad argument ({@code INVALID_ARGUMENT}), a region without a project ({@code NO_PROJECT}), a Jackson
 * scm-push cannot run on ({@code DEPENDENCY_VERSION}), ...
 */
public final class ConfigurationException extends ScmPushException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code a stable code such as {@code NO_CREDENTIALS}
     * @param message what is wrong and how to fix it
     */
    public ConfigurationException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code a stable code such as {@code NO_CREDENTIALS}
     * @param message what is wrong and how to fix it
     * @param cause the underlying failure, if any
     */
    public ConfigurationException(String code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
