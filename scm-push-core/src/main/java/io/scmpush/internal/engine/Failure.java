package io.scmpush.internal.engine;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.ScmPushException;
import io.scmpush.internal.http.Redactor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a provider call failed, as a {@code FAILED} outcome reports it: the stable code of our own
 * exceptions (a {@link CloudServiceException} carries its request id and attempts too), else
 * {@code PROVIDER_ERROR}.
 *
 * @param attempts how many times a write was sent; 0 when unknown or nothing was sent
 */
record Failure(String code, String message, @Nullable String requestId, int attempts) {
    static final String PROVIDER_ERROR = OutcomeCodes.PROVIDER_ERROR;
    private static final int MAX_MESSAGE = 500;

    static Failure of(RuntimeException e, String provider) {
        if (e instanceof CloudServiceException cloud) {
            return new Failure(cloud.code(), String.valueOf(cloud.getMessage()), cloud.requestId(), cloud.attempts());
        }
        if (e instanceof ScmPushException ours) {
            return new Failure(ours.code(), String.valueOf(ours.getMessage()), null, 0);
        }
        return new Failure(PROVIDER_ERROR, provider + " threw " + e.getClass().getName() + describe(e.getMessage()),
                null, 0);
    }

    /** This failure with the text a service may have supplied scrubbed and bounded. */
    Failure scrubbed(Redactor redactor) {
        return new Failure(Objects.requireNonNull(redactor.scrub(code, Redactor.MAX_CODE)),
                Objects.requireNonNull(redactor.scrub(message, Redactor.MAX_MESSAGE)),
                redactor.scrub(requestId, Redactor.MAX_REQUEST_ID), attempts);
    }

    /** Whether a foreign exception's message is kept: one that may quote key material is not. */
    static boolean safeToShow(@Nullable String message) {
        return message == null || !(message.contains("PRIVATE KEY") || message.contains("-----BEGIN"));
    }

    private static String describe(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        if (!safeToShow(message)) {
            return " (message withheld: it may quote key material)";
        }
        return ": " + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
    }
}
