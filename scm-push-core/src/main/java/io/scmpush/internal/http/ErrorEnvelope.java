package io.scmpush.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The error a Huawei Cloud response body carries, in any of the shapes of huawei-api.md §6:
 * {@code {error_code, error_msg}}, {@code {code, message}}, either nested under a key such as
 * {@code "error"}, with {@code request_id} in the body or only in the {@code X-Request-Id} header.
 *
 * @param code the service's error code, null when the body has none (or is not JSON)
 * @param message the service's message, null when the body has none
 * @param requestId the body's {@code request_id}, else the header's
 */
record ErrorEnvelope(@Nullable String code, @Nullable String message, @Nullable String requestId) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON tree of a body, or null when it is empty or not JSON. */
    static @Nullable JsonNode parse(byte[] body) {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length || (body[i] != '{' && body[i] != '[')) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * Reads the error of a response whose status says it failed, as the official SDK's
     * {@code ExceptionUtils} does: {@code error_code}/{@code error_msg} at the top, else
     * {@code code}/{@code message}, else the first nested object that has either pair.
     */
    static ErrorEnvelope ofFailure(@Nullable JsonNode body, @Nullable String headerRequestId) {
        JsonNode error = body == null ? null : findError(body, 0);
        return of(body, error, headerRequestId);
    }

    /**
     * The error carried by a 2xx body (CDN answers some failures with 200), or null when it holds none.
     * Only the top level and a top-level {@code "error"} object are read: a successful listing may well
     * nest objects with a {@code code} of their own.
     */
    static @Nullable ErrorEnvelope ofSuccess(@Nullable JsonNode body, @Nullable String headerRequestId) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode error = null;
        if (!text(body, "error_code").isEmpty()) {
            error = body;
        } else {
            JsonNode nested = body.get("error");
            if (nested != null && nested.isObject()
                    && (!text(nested, "error_code").isEmpty() || !text(nested, "code").isEmpty())) {
                error = nested;
            }
        }
        return error == null ? null : of(body, error, headerRequestId);
    }

    /** The body's {@code request_id} (top level), else the header's. */
    static @Nullable String requestId(@Nullable JsonNode body, @Nullable String headerRequestId) {
        String fromBody = body == null ? "" : text(body, "request_id");
        return fromBody.isEmpty() ? headerRequestId : fromBody;
    }

    private static ErrorEnvelope of(@Nullable JsonNode body, @Nullable JsonNode error, @Nullable String headerRequestId) {
        String code = null;
        String message = null;
        String requestId = requestId(body, null);
        if (error != null) {
            boolean sdkPair = !text(error, "error_code").isEmpty();
            code = blankToNull(text(error, sdkPair ? "error_code" : "code"));
            message = blankToNull(text(error, sdkPair ? "error_msg" : "message"));
            if (requestId == null) {
                requestId = blankToNull(text(error, "request_id"));
            }
        }
        return new ErrorEnvelope(code, message, requestId != null ? requestId : headerRequestId);
    }

    private static @Nullable JsonNode findError(JsonNode node, int depth) {
        if (!node.isObject() || depth > 4) {
            return null;
        }
        if (!text(node, "error_code").isEmpty() || (!text(node, "code").isEmpty() && node.has("message"))) {
            return node;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            JsonNode found = findError(it.next().getValue(), depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The field as text ("" when absent or null); numbers too, as some services send numeric codes. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
