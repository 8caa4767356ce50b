package io.scmpush.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks, in core's tests, that a request as a server received it carries the signature {@link AkSkSigner}
 * gives over the headers it lists: the transport signed what it sent. (The emulator has its own, independent
 * check in the test kit; the signer itself is pinned by the official SDK's vectors in {@link AkSkSignerTest}.)
 */
final class ReceivedSignature {
    private ReceivedSignature() {}

    static boolean verify(String method, String rawPath, @Nullable String rawQuery, Map<String, List<String>> headers,
            byte[] body, String accessKey, String secretKey) {
        String received = first(headers, "authorization");
        String prefix = AkSkSigner.ALGORITHM + " Access=" + accessKey + ", SignedHeaders=";
        if (received == null || !received.startsWith(prefix)) {
            return false;
        }
        String listed = received.substring(prefix.length(), received.indexOf(',', prefix.length()));
        Map<String, String> signed = new TreeMap<>();
        for (String name : listed.split(";")) {
            String value = first(headers, name);
            if (value == null) {
                return false;
            }
            signed.put(name, value);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                query.add(Map.entry(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : ""));
            }
        }
        String expected = new AkSkSigner(accessKey, secretKey).authorization(method, decode(rawPath), query, signed,
                body, signed.containsKey("content-type"));
        return expected.equals(received);
    }

    /** Percent-decoding only: '+' stays '+', as the transport never sends it for a space. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
