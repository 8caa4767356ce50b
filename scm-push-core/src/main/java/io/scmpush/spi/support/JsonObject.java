package io.scmpush.spi.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON object for a request body, built field by field in the order given. Not thread-safe: build one per
 * request.
 *
 * <pre>{@code
 * JsonObject body = JsonObject.create().put("name", name).put("content", pem).put("key", key);
 * http.send(CloudHttp.Request.builder("POST", endpoint, path).jsonBody(body.toJson()).build());
 * }</pre>
 */
public final class JsonObject {
    private final ObjectNode node;

    private JsonObject(ObjectNode node) {
        this.node = node;
    }

    /** {@return an empty object} */
    public static JsonObject create() {
        return new JsonObject(Json.object());
    }

    /**
     * Sets a string field.
     *
     * @param field the field's name; setting it again replaces the value in place
     * @param value its value
     * @return this object
     */
    public JsonObject put(String field, String value) {
        node.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets a number field.
     *
     * @param field the field's name; setting it again replaces the value in place
     * @param value its value
     * @return this object
     */
    public JsonObject put(String field, int value) {
        node.put(Objects.requireNonNull(field, "field"), value);
        return this;
    }

    /**
     * Sets an object field.
     *
     * @param field the field's name; setting it again replaces the value in place
     * @param value the object; later changes to it show in this one
     * @return this object
     */
    public JsonObject put(String field, JsonObject value) {
        node.set(Objects.requireNonNull(field, "field"), value.node);
        return this;
    }

    /**
     * Sets a field to a new, empty object.
     *
     * @param field the field's name
     * @return the new object, to fill in
     */
    public JsonObject putObject(String field) {
        return new JsonObject(node.putObject(Objects.requireNonNull(field, "field")));
    }

    /**
     * Sets a field to an array of strings.
     *
     * @param field the field's name; setting it again replaces the value in place
     * @param values the elements, in order
     * @return this object
     */
    public JsonObject putStrings(String field, Iterable<String> values) {
        var array = node.putArray(Objects.requireNonNull(field, "field"));
        values.forEach(value -> array.add(Objects.requireNonNull(value, "value")));
        return this;
    }

    /** {@return the object as compact JSON text, for {@link io.scmpush.spi.CloudHttp.Request.Builder#jsonBody}} */
    public String toJson() {
        return Json.write(node);
    }

    /** {@return the field names only, never the values: a body may hold a private key} */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return "JsonObject" + names;
    }
}
