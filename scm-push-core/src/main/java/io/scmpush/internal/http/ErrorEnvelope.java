package io.scmpush.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The error a Huawei Cloud response body carries, in any of the shapes Huawei Cloud's services answer with:
 * {@code {error_code, error_msg}}, {@code {code, message}}, either nested under a key such as
 * {@code "error"}, with {@code request_id} in the body or only in the {@code X-Request-Id} header.
 *
 * @param code the service's error code, null when the body has none (or is not JSON)
 * @param message the service's message, null when the body has none
 * @param requestId the body's {@code request_id}, else the header's
 */
record ErrorEnvelope(@Nullable String code, @Nullable String message, @Nullable String requestId) {

    /** Buffers from one bounded pool, not one per thread, for the reason the providers' {@code Json} gives. */
    static final ObjectMapper JSON =
            new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build());
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_ID = "request_id".getBytes(StandardCharsets.US_ASCII);
    private static final TopLevel NOTHING = new TopLevel(null, false);

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
     * What the top level of a 2xx body says, read as a stream without building its tree (most successful
     * bodies carry no error, and the provider reads the body again anyway).
     *
     * @param requestId the top-level {@code request_id} as {@link #requestId} reads it; null when none
     * @param mayCarryError whether {@link #ofSuccess} could find an error: a non-empty top-level
     *     {@code error_code}, or an {@code error} object; then read the tree to know
     */
    record TopLevel(@Nullable String requestId, boolean mayCarryError) {}

    static TopLevel scan(byte[] body) {
        // Most 2xx bodies name neither: then the parser could find nothing, and is not made.
        return mayName(body) ? parseTopLevel(body) : NOTHING;
    }

    /** {@link #scan} with a parser, whatever the bytes. */
    static TopLevel parseTopLevel(byte[] body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NOTHING; // not an object: ofSuccess finds no error, requestId none
            }
            String requestId = null;
            boolean mayCarryError = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean text = value.isScalarValue() && value != JsonToken.VALUE_NULL;
                if (field.equals("request_id")) {
                    requestId = text ? parser.getValueAsString("") : null; // as in a tree, the last one counts
                } else if (field.equals("error_code") && text && !parser.getValueAsString("").isEmpty()) {
                    mayCarryError = true;
                } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                    mayCarryError = true;
                }
                parser.skipChildren();
            }
            return new TopLevel(requestId != null && requestId.isEmpty() ? null : requestId, mayCarryError);
        } catch (IOException notJson) {
            return NOTHING; // as parse(): not JSON, so no error and no request id
        }
    }

    /**
     * Whether the body's bytes could hold a name {@link #scan} looks for: {@code request_id}, or one starting
     * with {@code error}. A JSON name spells each letter as it is or as a backslash-u escape, so a body with
     * neither those bytes nor a backslash followed by {@code u} has no such name.
     */
    static boolean mayName(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\\' && i + 1 < body.length && body[i + 1] == 'u'
                    || b == 'e' && startsWith(body, i, ERROR)
                    || b == 'r' && startsWith(body, i, REQUEST_ID)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] body, int from, byte[] word) {
        if (body.length - from < word.length) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            if (body[from + j] != word[j]) {
                return false;
            }
        }
        return true;
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
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode found = findError(field.getValue(), depth + 1);
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
