package io.scmpush.internal.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One configured Jackson mapper for every provider; bodies are built as trees, not bound classes. */
public final class Json {
    /**
     * Parsers and writers take their buffers from one pool for all threads rather than Jackson's default,
     * a pool per thread: the engine's threads end after 30 s idle, so a push on a fresh thread allocated
     * every buffer anew (about 28 KB to read and write a 3 KB body once). A bounded pool of pooled
     * buffers costs nothing per call; past its size, released buffers are dropped.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
            throw notJson(what, e);
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
                    Arrays.fill(texts, null); // as in a tree, the last one counts
                    if (value == JsonToken.START_OBJECT) {
                        readObject(parser, fields, texts);
                        continue;
                    }
                }
                parser.skipChildren();
            }
            return texts;
        } catch (IOException e) {
            throw notJson(what, e);
        }
    }

    /** Reads the object the parser has just entered, to its end, keeping the text of {@code fields}. */
    private static void readObject(JsonParser parser, String[] fields, @Nullable String[] texts) throws IOException {
        Fields values = new Fields(List.of(fields));
        readFields(parser, values);
        for (int i = 0; i < fields.length; i++) {
            texts[i] = values.path(fields[i]).asText(null); // null when missing or JSON null
        }
    }

    /**
     * A list answer read as a stream, such as {@code {"items":[{...},...],"total":3}}: of each element of the
     * top-level array {@code itemsField} only {@code itemFields}, and of the top level only {@code topFields}.
     * Every field kept is the node the tree holds there ({@code read(body, what).path(...)}), so the callers'
     * {@code asText}, {@code isIntegralNumber}, {@code asInt} give what they gave on the tree; nothing else in
     * the body, such as an item's PEM or fields nobody reads, becomes a node or a string. The whole body is
     * still read, so a body that is not JSON fails as {@link #read} does.
     *
     * @throws CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON
     */
    public static Listing readListing(String body, String what, String itemsField, List<String> itemFields,
            List<String> topFields) {
        List<Fields> items = new ArrayList<>();
        Fields top = new Fields(topFields);
        try (JsonParser parser = MAPPER.createParser(body.isEmpty() ? "{}" : body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Listing(items, top); // empty (no content), an array or a scalar: no fields
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(itemsField)) {
                    items.clear(); // as in a tree, the last one counts
                    readItems(parser, value, itemFields, items);
                } else {
                    top.read(name, parser);
                }
            }
            return new Listing(items, top);
        } catch (IOException e) {
            throw notJson(what, e);
        }
    }

    /**
     * What {@link #readListing} kept.
     *
     * @param items one per item the tree's {@code path(itemsField)} iterates: each element of an array (an
     *     element that is not an object has none of the fields), each value of an object; none when the
     *     field is missing or a scalar
     * @param top the top-level fields asked for
     */
    public record Listing(List<Fields> items, Fields top) {}

    /** Some fields of an object, each as the tree holds it. */
    public static final class Fields {
        private final List<String> names;
        private final @Nullable JsonNode[] values;

        private Fields(List<String> names) {
            this.names = names;
            this.values = new JsonNode[names.size()];
        }

        /**
         * What the tree's {@code path(name)} gives: the field's node, a {@code MissingNode} when it is absent.
         *
         * @throws IllegalArgumentException when {@code name} is not among the fields that were read
         */
        public JsonNode path(String name) {
            int index = names.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException(name + " was not read: only " + names);
            }
            JsonNode value = values[index];
            return value != null ? value : MissingNode.getInstance();
        }

        /** Reads the value the parser is on, keeping it when {@code name} is one of the fields. */
        private void read(String name, JsonParser parser) throws IOException {
            int index = names.indexOf(name);
            if (index < 0) {
                parser.skipChildren();
            } else {
                values[index] = valueNode(parser); // a duplicate replaces the earlier one, as in a tree
            }
        }
    }

    /** Reads the items field's value, whose first token the parser is on, to its end. */
    private static void readItems(JsonParser parser, JsonToken value, List<String> itemFields, List<Fields> items)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            // Rare enough to read as the tree: an object's values are its items, a scalar has none.
            for (JsonNode element : MAPPER.<JsonNode>readTree(parser)) {
                Fields item = new Fields(itemFields);
                for (int i = 0; i < itemFields.size(); i++) {
                    item.values[i] = element.path(itemFields.get(i));
                }
                items.add(item);
            }
            return;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            Fields item = new Fields(itemFields);
            if (element == JsonToken.START_OBJECT) {
                readFields(parser, item);
            } else {
                parser.skipChildren(); // not an object: none of the fields
            }
            items.add(item);
        }
    }

    /** Reads the object the parser has just entered, to its end, keeping the fields {@code into} wants. */
    private static void readFields(JsonParser parser, Fields into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            into.read(name, parser);
        }
    }

    /** The value the parser is on, read to its end, as the tree builds it. */
    private static JsonNode valueNode(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(parser.getBooleanValue());
            case VALUE_NULL -> NullNode.getInstance();
            default -> MAPPER.readTree(parser); // a container or a fraction, each as rare as it is varied
        };
    }

    private static CloudServiceException notJson(String what, IOException cause) {
        return CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, what + " returned a body that is not JSON")
                .httpStatus(200).attempts(1).cause(cause).build();
    }
}
