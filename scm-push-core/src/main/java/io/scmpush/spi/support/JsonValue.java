package io.scmpush.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.scmpush.internal.provider.Json;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value read from a service's answer: an immutable view that navigates without failing. A field that
 * is not there is a <em>missing</em> value, whose reads give their fallback, so a provider reads
 * {@code body.path("listener").path("id").asText("")} without checking each step.
 *
 * <pre>{@code
 * JsonValue host = JsonValue.parse(response.body(), "WAF ShowHost");   // MALFORMED_RESPONSE if not JSON
 * String id = host.path("id").asText("");
 * for (JsonValue ref : host.path("sni_container_refs")) { ... }      // an array's elements
 * }</pre>
 *
 * <p>Reads follow JSON's own types loosely, as services write numbers as strings and the reverse:
 * {@link #asText(String)} gives a number's digits, {@link #asLong()} a numeric string's value.
 */
public final class JsonValue implements Iterable<JsonValue> {
    private static final JsonValue MISSING = new JsonValue(MissingNode.getInstance());

    private final JsonNode node;

    private JsonValue(JsonNode node) {
        this.node = node;
    }

    static JsonValue of(JsonNode node) {
        return node.isMissingNode() ? MISSING : new JsonValue(node);
    }

    /**
     * Reads a response body the service claimed was JSON; an empty body reads as an empty object.
     *
     * @param body the body text
     * @param what names the call in the error, e.g. {@code "WAF ShowCertificate"}
     * @return the body's top-level value
     * @throws io.scmpush.CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON
     */
    public static JsonValue parse(String body, String what) {
        return of(Json.read(Objects.requireNonNull(body, "body"), what));
    }

    /**
     * Some top-level fields of a body, or of one object member of it, read as a stream: nothing else in the
     * body (such as an echoed PEM) becomes a value or a string. The whole body is still read, so a body that
     * is not JSON fails as {@link #parse} does.
     *
     * @param body the body text
     * @param what names the call in the error
     * @param member the top-level field whose object holds the fields; null for the top level itself
     * @param fields the fields to read
     * @return each field's text, in the order asked ({@code path(field).asTextOrNull()}); null where it is
     *     missing or JSON null
     * @throws io.scmpush.CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON
     */
    public static List<@Nullable String> texts(String body, String what, @Nullable String member, String... fields) {
        return Arrays.asList(Json.readTexts(Objects.requireNonNull(body, "body"), what, member, fields));
    }

    /**
     * A field of an object.
     *
     * @param field the field's name
     * @return its value; a missing value when this is not an object or has no such field
     */
    public JsonValue path(String field) {
        return of(node.path(field));
    }

    /** {@return true when this is not there: an absent field, or a field of something that is not an object} */
    public boolean isMissing() {
        return node.isMissingNode();
    }

    /** {@return true when this is JSON {@code null}} */
    public boolean isNull() {
        return node.isNull();
    }

    /** {@return true when this is a JSON string} */
    public boolean isTextual() {
        return node.isTextual();
    }

    /** {@return true when this is a JSON number, integral or not} */
    public boolean isNumber() {
        return node.isNumber();
    }

    /** {@return true when this is a JSON number without a fraction} */
    public boolean isIntegralNumber() {
        return node.isIntegralNumber();
    }

    /** {@return true when this is a number that fits an {@code int} without loss of its integral part} */
    public boolean canConvertToInt() {
        return node.canConvertToInt();
    }

    /** {@return a string's text, a number's or boolean's literal; "" for null, missing, arrays and objects} */
    public String asText() {
        return node.asText();
    }

    /**
     * The text of a value that is there.
     *
     * @param fallback what a missing value or JSON {@code null} gives
     * @return as {@link #asText()}, or {@code fallback}
     */
    public String asText(String fallback) {
        return Objects.requireNonNull(node.asText(fallback));
    }

    /** {@return as {@link #asText()}; null for a missing value or JSON {@code null}} */
    public @Nullable String asTextOrNull() {
        return node.asText(null);
    }

    /** {@return a number, or a string that holds one, as an {@code int}; 0 for anything else} */
    public int asInt() {
        return node.asInt();
    }

    /**
     * A number, or a string that holds one.
     *
     * @param fallback what anything else gives
     * @return the value as an {@code int}
     */
    public int asInt(int fallback) {
        return node.asInt(fallback);
    }

    /** {@return a number, or a string that holds one, as a {@code long}; 0 for anything else} */
    public long asLong() {
        return node.asLong();
    }

    /**
     * A number, or a string that holds one.
     *
     * @param fallback what anything else gives
     * @return the value as a {@code long}
     */
    public long asLong(long fallback) {
        return node.asLong(fallback);
    }

    /**
     * A boolean, the strings {@code "true"} and {@code "false"}, or a number (0 is false).
     *
     * @param fallback what anything else gives
     * @return the value as a {@code boolean}
     */
    public boolean asBoolean(boolean fallback) {
        return node.asBoolean(fallback);
    }

    /**
     * An array's elements, or an object's values, in order; nothing for anything else.
     *
     * @return a read-only iterator
     */
    @Override
    public Iterator<JsonValue> iterator() {
        Iterator<JsonNode> elements = node.elements();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return elements.hasNext();
            }

            @Override
            public JsonValue next() {
                return of(elements.next());
            }
        };
    }

    /** {@return the value's JSON type only, never its content: an answer may echo a private key} */
    @Override
    public String toString() {
        return "JsonValue[" + node.getNodeType() + "]";
    }
}
