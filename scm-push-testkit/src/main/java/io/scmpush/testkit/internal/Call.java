package io.scmpush.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One authenticated call routed to a service.
 *
 * @param region the region of a project-scoped call (from its project id); null for a global one
 * @param resource the decoded path segments after the service's collection, e.g. {@code [id]} or {@code []}
 * @param query the decoded query parameters, a key may repeat
 */
record Call(ReceivedRequest request, String requestId, @Nullable String region, @Nullable String projectId,
        List<String> resource, Map<String, List<String>> query, Instant now) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    String method() {
        return request.method();
    }

    /** The first value of a query parameter, or null. */
    @Nullable String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    /**
     * An integer query parameter in {@code [min, max]}, or {@code absent} when not given.
     *
     * @throws ApiError the service's error when it is not a number in range
     */
    int intParam(String name, int absent, int min, int max, Supplier<ApiError> invalid) {
        String value = param(name);
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw invalid.get();
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid.get();
        }
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiError the service's error when the body is empty or not a JSON object
     */
    ObjectNode jsonObject(Supplier<ApiError> invalid) {
        if (request.body().length == 0) {
            throw invalid.get();
        }
        try {
            JsonNode node = MAPPER.readTree(request.body());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // falls through to the service's own error
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // reading a byte array does no I/O
        }
        throw invalid.get();
    }

    /** A text field of a JSON object, or null when absent, null or not text. */
    static @Nullable String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
