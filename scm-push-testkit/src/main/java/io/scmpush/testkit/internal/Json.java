package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The emulator's JSON bodies are Jackson trees, built here rather than with core's internal mapper. */
final class Json {
    private Json() {}

    /** {@return a new empty object node, as {@code new ObjectMapper().createObjectNode()} makes it} */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
