package io.scmpush.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A request exactly as the emulator received it: the raw (still percent-encoded) path and query, the
 * headers with case-insensitive names, the body bytes.
 */
public record ReceivedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        byte[] body) {

    public ReceivedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The first value of a header, or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never the body or the Authorization header: a body may carry a private key.
        return method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + " (" + body.length + " bytes)";
    }
}
