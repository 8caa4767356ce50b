package io.scmpush.internal.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

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

    /**
     * Some fields of a response body, as {@code read(body, what).path(member).path(field).asText(null)} gives
     * them (the top level when {@code member} is null), but read as a stream: nothing else in the body, such
     * as an echoed PEM, becomes a tree or a string. The whole body is still read, so a body that is not JSON
     * fails as {@link #read} does.
     *
     * @return each field's text, in the order asked, null where it is missing or JSON null
     * @throws CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON
     */
    public static @Nullable String[] readTexts(String body, String what, @Nullable String member, String... fields) {
        @Nullable String[] texts = new String[fields.length];
        try (JsonParser parser = MAPPER.createParser(body.isEmpty() ? "{}" : body)) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return texts; // empty (no content), an array or a scalar: no fields
            }
            if (member == null) {
                readObject(parser, fields, texts);
                return texts;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isMember = parser.currentName().equals(member);
                JsonToken value = parser.nextToken();
                if (isMember) {
                    java.util.Arrays.fill(texts, null); // as in a tree, the last one counts
                    if (value == JsonToken.START_OBJECT) {
                        readObject(parser, fields, texts);
                        continue;
                    }
                }
                parser.skipChildren();
            }
            return texts;
        } catch (IOException e) {
            throw new CloudServiceException("MALFORMED_RESPONSE", what + " returned a body that is not JSON", 200,
                    null, null, false, 1, null);
        }
    }

    /** Reads the object the parser has just entered, to its end, keeping the text of {@code fields}. */
    private static void readObject(JsonParser parser, String[] fields, @Nullable String[] texts) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int index = indexOf(fields, parser.currentName());
            JsonToken value = parser.nextToken();
            if (index < 0) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                texts[index] = parser.getText();
            } else if (value == JsonToken.VALUE_NULL) {
                texts[index] = null;
            } else if (value.isStructStart()) {
                texts[index] = ""; // a container's asText()
                parser.skipChildren();
            } else {
                texts[index] = MAPPER.<JsonNode>readTree(parser).asText(); // a number or boolean, written as a tree writes it
            }
        }
    }

    private static int indexOf(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
