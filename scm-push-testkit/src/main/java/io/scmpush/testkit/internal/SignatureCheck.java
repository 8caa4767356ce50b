package io.scmpush.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks a received request's SDK-HMAC-SHA256 signature as API Gateway does, from Huawei's published
 * algorithm (the official SDK's {@code AKSKSigner}), written here apart from the SDK's signer so that the
 * emulator does not take the client's word for it:
 *
 * <pre>
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(body))
 * StringToSign     = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(SHA256(CanonicalRequest))
 * Authorization    = SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex(HMAC-SHA256(SK, StringToSign))
 * </pre>
 *
 * The canonical URI and query re-encode the decoded path and parameters: everything but
 * {@code A-Z a-z 0-9 - . _ ~} percent-encoded in upper-case hex; each path segment followed by {@code /}.
 */
public final class SignatureCheck {
    /** The algorithm name, first word of the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** {@code X-Sdk-Date}'s format. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SignatureCheck() {}

    /**
     * Whether the request carries a correct signature by {@code accessKey}: its {@code Authorization} header
     * names that key, signs at least {@code host} and {@code x-sdk-date}, and carries the signature that
     * {@code secretKey} gives over exactly the headers it lists.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @param rawQuery the query as sent (without {@code ?}), still percent-encoded; null or empty for none
     * @param headers the received headers, names in any case; the first value of each is signed
     */
    public static boolean verify(String method, String rawPath, @Nullable String rawQuery,
            Map<String, List<String>> headers, byte[] body, String accessKey, String secretKey) {
        String received = first(headers, "authorization");
        String expected = expectedAuthorization(method, rawPath, rawQuery, headers, body, secretKey);
        return received != null && expected != null && received.startsWith(ALGORITHM + " Access=" + accessKey + ",")
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        received.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code Authorization} a correct client would have sent for this request, with the access key and
     * signed-header list of the one it did send; null when that header is missing or malformed, or a header
     * it lists is absent.
     */
    public static @Nullable String expectedAuthorization(String method, String rawPath, @Nullable String rawQuery,
            Map<String, List<String>> headers, byte[] body, String secretKey) {
        String received = first(headers, "authorization");
        if (received == null || !received.startsWith(ALGORITHM + " ")) {
            return null;
        }
        String access = null;
        String signedList = null;
        for (String part : received.substring(ALGORITHM.length() + 1).split(", ")) {
            if (part.startsWith("Access=")) {
                access = part.substring("Access=".length());
            } else if (part.startsWith("SignedHeaders=")) {
                signedList = part.substring("SignedHeaders=".length());
            }
        }
        if (access == null || access.isEmpty() || signedList == null) {
            return null;
        }
        List<String> listed = List.of(signedList.split(";"));
        if (!listed.contains("host") || !listed.contains("x-sdk-date")) {
            return null;
        }
        // The SDK never signs a name with '_', nor Content-Type unless asked to (then the client lists it).
        TreeMap<String, String> signed = new TreeMap<>();
        for (String name : listed) {
            String value = first(headers, name);
            if (value == null) {
                return null;
            }
            if (name.indexOf('_') < 0) {
                signed.put(name, value);
            }
        }
        String canonical;
        try {
            canonical = method + "\n" + canonicalUri(decode(rawPath)) + "\n" + canonicalQuery(rawQuery) + "\n"
                    + canonicalHeaders(signed) + "\n" + String.join(";", signed.keySet()) + "\n" + sha256Hex(body);
        } catch (IllegalArgumentException malformedEscape) {
            return null;
        }
        String stringToSign = ALGORITHM + "\n" + signed.get("x-sdk-date") + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        return ALGORITHM + " Access=" + access + ", SignedHeaders=" + String.join(";", signed.keySet())
                + ", Signature=" + hmacHex(secretKey, stringToSign);
    }

    /** Each segment of the path, trailing empty ones dropped, encoded and followed by '/'; "/" for none. */
    private static String canonicalUri(String path) {
        String[] segments = path.split("/"); // as the SDK splits: trailing empty segments go
        StringBuilder uri = new StringBuilder();
        for (String segment : segments) {
            uri.append(encode(segment)).append('/');
        }
        return uri.length() == 0 ? "/" : uri.toString();
    }

    /** The parameters, each decoded and encoded again, ordered by encoded name (a repeated name keeps its order). */
    private static String canonicalQuery(@Nullable String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
                }
            }
        }
        pairs.sort(Comparator.comparing(pair -> pair[0])); // List.sort is stable
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    private static String canonicalHeaders(TreeMap<String, String> signed) {
        StringBuilder headers = new StringBuilder();
        signed.forEach((name, value) -> headers.append(name).append(':').append(value).append('\n'));
        return headers.toString();
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** Decodes %XX escapes as UTF-8; '+' stays '+', as the SDK never sends it for a space. */
    private static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("malformed percent escape");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String hmacHex(String secretKey, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
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
