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

    public ConfigurationException(String code, String message) {
        this(code, message, null);
    }

    public ConfigurationException(String code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
