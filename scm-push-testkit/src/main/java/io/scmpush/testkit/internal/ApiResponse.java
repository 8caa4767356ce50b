package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A response of an emulated API: a status and a JSON body, or none (204). */
record ApiResponse(int status, @Nullable JsonNode body) {

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
