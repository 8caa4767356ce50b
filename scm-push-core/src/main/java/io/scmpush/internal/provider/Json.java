package io.scmpush.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;

/** One configured Jackson mapper for every provider; bodies are built as trees, not bound classes. */
public final class Json {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e); // cannot happen for a tree
        }
    }

    /**
     * Reads a response body the service claimed was JSON.
     *
     * @throws CloudServiceException {@code MALFORMED_RESPONSE} when it is not
     */
    public static JsonNode read(String body, String what) {
        try {
            return MAPPER.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new CloudServiceException("MALFORMED_RESPONSE", what + " returned a body that is not JSON", 200,
                    null, null, false, 1, null);
        }
    }
}
