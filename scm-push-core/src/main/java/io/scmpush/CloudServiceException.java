package io.scmpush;

import java.util.Objects;
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

    private CloudServiceException(Builder builder) {
        super(builder.code, builder.message, builder.cause);
        this.httpStatus = builder.httpStatus;
        this.errorCode = builder.errorCode;
        this.requestId = builder.requestId;
        this.retryable = builder.retryable;
        this.attempts = builder.attempts;
    }

    /**
     * Starts the exception; the transport builds it, and so may providers that check an answer themselves.
     * Unless set: HTTP status 0, no error code, no request id, not retryable, 0 attempts, no cause.
     *
     * @param code the stable code a {@link TargetOutcome} reports, such as {@link OutcomeCodes#THROTTLED}
     * @param message what happened, without any secret or request body, and without repeating the code
     * @return a builder
     * @throws NullPointerException when an argument is null
     */
    public static Builder builder(String code, String message) {
        return new Builder(code, message);
    }

    /** {@return the HTTP status, or 0 when no response came back (timeout, connection failure)} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return the service's error code ({@code error_code} or {@code code} of the body), if it sent one} */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** {@return the {@code X-Request-Id} header, else the body's {@code request_id}; quote it to Huawei Cloud support} */
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

    /** Builds a {@link CloudServiceException}; not thread-safe. */
    public static final class Builder {
        private final String code;
        private final String message;
        private int httpStatus;
        private @Nullable String errorCode;
        private @Nullable String requestId;
        private boolean retryable;
        private int attempts;
        private @Nullable Throwable cause;

        private Builder(String code, String message) {
            this.code = Objects.requireNonNull(code, "code");
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * The HTTP status of the answer.
         *
         * @param httpStatus 100 to 599, or 0 when no response came back (the default)
         * @return this builder
         * @throws IllegalArgumentException when {@code httpStatus} is neither 0 nor 100 to 599
         */
        public Builder httpStatus(int httpStatus) {
            if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 599)) {
                throw new IllegalArgumentException("an HTTP status is 0 or 100 to 599, was " + httpStatus);
            }
            this.httpStatus = httpStatus;
            return this;
        }

        /**
         * The service's own error code.
         *
         * @param errorCode such as {@code WAF.00011016}; null (the default) when it sent none
         * @return this builder
         */
        public Builder errorCode(@Nullable String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /**
         * The request id to quote to Huawei Cloud support.
         *
         * @param requestId null (the default) when unknown
         * @return this builder
         */
        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Whether sending the same request again may succeed.
         *
         * @param retryable default false
         * @return this builder
         */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /**
         * How many times the request was sent, retries included.
         *
         * @param attempts 0 (the default) or more
         * @return this builder
         * @throws IllegalArgumentException when {@code attempts} is negative
         */
        public Builder attempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /**
         * The underlying failure.
         *
         * @param cause null (the default) when there is none
         * @return this builder
         */
        public Builder cause(@Nullable Throwable cause) {
            this.cause = cause;
            return this;
        }

        /** {@return the exception} */
        public CloudServiceException build() {
            return new CloudServiceException(this);
        }
    }
}
