package io.scmpush;

import org.jspecify.annotations.Nullable;

/**
 * A Huawei Cloud call failed: the service answered with an error, or no usable answer came back.
 *
 * <p>{@link #code()} is the stable code a {@link TargetOutcome} reports: {@code AUTH_FAILED},
 * {@code THROTTLED}, {@code TIMEOUT}, {@code IO_ERROR}, else the service's error code (e.g.
 * {@code WAF.00011016}), else {@code HTTP_<status>}. The message carries the service's own message
 * but never a secret or the request body.
 */
public final class CloudServiceException extends ScmPushException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final @Nullable String errorCode;
    private final @Nullable String requestId;
    private final boolean retryable;
    private final int attempts;

    public CloudServiceException(String code, String message, int httpStatus, @Nullable String errorCode,
            @Nullable String requestId, boolean retryable, int attempts, @Nullable Throwable cause) {
        super(code, message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.retryable = retryable;
        this.attempts = attempts;
    }

    /** The HTTP status, or 0 when no response came back (timeout, connection failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The service's error code ({@code error_code} or {@code code} of the body), if it sent one. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The {@code X-Request-Id} header, else the body's {@code request_id}; quote it to Huawei Cloud support. */
    public @Nullable String requestId() {
        return requestId;
    }

    /** Whether sending the same request again may succeed (throttling, 502/503/504, I/O errors). */
    public boolean retryable() {
        return retryable;
    }

    /** How many times the request was sent before this failure, retries included. */
    public int attempts() {
        return attempts;
    }
}
