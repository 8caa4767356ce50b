package io.scmpush.testkit.internal;

/** An error answer of an emulated API: thrown by a handler, rendered in its service's envelope. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final ErrorStyle style;

    ApiError(int status, ErrorStyle style, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.style = style;
    }

    /** An error of the API Gateway in front of every service (APIG.*). */
    static ApiError gateway(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT_WITH_REQUEST_ID, code, message);
    }

    /** API Gateway's answer for a path or method no API is published on. */
    static ApiError noSuchApi() {
        return gateway(404, "APIG.0101", "The API does not exist or has not been published in the environment");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ApiResponse response(String requestId) {
        return ApiResponse.json(status, style.render(status, code, java.util.Objects.requireNonNullElse(getMessage(), code), requestId));
    }
}
