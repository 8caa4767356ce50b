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

    /** The HTTP status, or 0 when no response came back. */
    private final int httpStatus;
    /** The service's own error code, if it sent one. */
    private final @Nullable String errorCode;
    /** The request id to quote to Huawei Cloud support, if known. */
    private final @Nullable String requestId;
    /** Whether sending the same request again may succeed. */
    private final boolean retryable;
    /** How many times the request was sent before this failure. */
    private final int attempts;

    /**
     * Creates the exception; the transport does, and so may providers that check an answer themselves.
     *
     * @param code the stable code a {@link TargetOutcome} reports, such as {@code THROTTLED}
     * @param message what happened, without any secret or request body
     * @param httpStatus the HTTP status, or 0 when no response came back
     * @param errorCode the service's own error code, if it sent one
     * @param requestId the request id to quote to Huawei Cloud support, if known
     * @param retryable whether sending the same request again may succeed
     * @param attempts how many times the request was sent, retries included
     * @param cause the underlying failure, if any
     */
    public CloudServiceException(String code, String message, int httpStatus, @Nullable String errorCode,
            @Nullable String requestId, boolean retryable, int attempts, @Nullable Throwable cause) {
        super(code, message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.retryable = retryable;
        this.attempts = attempts;
    }

    /** {@return the HTTP status, or 0 when no response came back (timeout, connection failure)} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return the service's error code ({@code error_code} or {@code code} of the body), if it sent one} */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** {@return the body's {@code request_id}, else the {@code X-Request-Id} header; quote it to Huawei Cloud support} */
    public @Nullable String requestId() {
        return requestId;
    }

    /** {@return whether sending the same request again may succeed (throttling, 502/503/504, I/O errors)} */
    public boolean retryable() {
        return retryable;
    }

    /** {@return how many times the request was sent before this failure, retries included} */
    public int attempts() {
        return attempts;
    }
}
