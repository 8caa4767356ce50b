package io.scmpush.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Huawei Cloud's SDK-HMAC-SHA256 request signature, byte for byte as the official Java SDK's
 * {@code AKSKSigner} computes it:
 *
 * <pre>
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(body))
 * StringToSign     = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(SHA256(CanonicalRequest))
 * Authorization    = SDK-HMAC-SHA256 Access=AK, SignedHeaders=..., Signature=hex(HMAC-SHA256(SK, StringToSign))
 * </pre>
 *
 * <p>Every header given is signed except {@code Content-Type} (unless asked for, as the published
 * documentation example does) and names containing {@code _}; {@code host} and {@code x-sdk-date}
 * must be among them. One signer holds one access key; it is immutable and thread-safe, and reuses a
 * per-thread {@link Mac} and {@link MessageDigest} so that a signature costs a few microseconds.
 */
public final class AkSkSigner {
    /** The algorithm name, first word of the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** {@code X-Sdk-Date}'s format. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** 10000-01-01T00:00:00Z in epoch seconds: from then on the year no longer has four digits. */
    private static final long LAST_FOUR_DIGIT_YEAR_END = 253_402_300_800L;
    /** The header names the transport sends, lower-cased once rather than per signature. */
    private static final Map<String, String> LOWER_CASE_NAMES = Map.of("Host", "host", "User-Agent", "user-agent",
            "X-Sdk-Date", "x-sdk-date", "X-Project-Id", "x-project-id", "X-Domain-Id", "x-domain-id",
            "X-Security-Token", "x-security-token", "Content-Type", "content-type");
    private static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String accessKey;
    private final SecretKeySpec key;

    /**
     * @param accessKey the AK, named in the {@code Authorization} header
     * @param secretKey the SK, used as the HMAC key as is (no derivation)
     */
    public AkSkSigner(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** {@code instant} as an {@code X-Sdk-Date} value, e.g. {@code 20191115T033655Z}. */
    public static String sdkDate(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= LAST_FOUR_DIGIT_YEAR_END) {
            return DATE_FORMAT.format(instant);
        }
        // By hand: the formatter allocates some 700 bytes per call, and every request signs a date.
        long days = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil inverse, proleptic Gregorian).
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        byte[] out = new byte[16];
        digits(out, 0, year, 4);
        digits(out, 4, month, 2);
        digits(out, 6, day, 2);
        out[8] = 'T';
        digits(out, 9, secondOfDay / 3600, 2);
        digits(out, 11, secondOfDay / 60 % 60, 2);
        digits(out, 13, secondOfDay % 60, 2);
        out[15] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The {@code Authorization} header value for a request.
     *
     * @param path the unencoded path as given to the service, e.g. {@code /v1/{pid}/waf/certificate}
     * @param query the unencoded query parameters in the order they are sent
     * @param headers the headers sent, {@code Host} and {@code X-Sdk-Date} included (any case)
     * @param body the exact body bytes (empty for none)
     */
    public String authorization(String method, String path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, byte[] body, boolean signContentType) {
        Scratch s = SCRATCH.get();
        canonicalRequest(s, method, path, query, headers, body, signContentType);
        return authorization(s, sdkDateOf(headers));
    }

    /** The three intermediate values and the header: for tests and for diagnosing a rejected signature. */
    public Signature sign(String method, String path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, byte[] body, boolean signContentType) {
        Scratch s = SCRATCH.get();
        canonicalRequest(s, method, path, query, headers, body, signContentType);
        String canonicalRequest = s.text.toString();
        String date = sdkDateOf(headers);
        String authorization = authorization(s, date);
        return new Signature(canonicalRequest, s.text.toString(), authorization);
    }

    /** A computed signature with its intermediate strings. */
    public record Signature(String canonicalRequest, String stringToSign, String authorization) {}

    // ---- encoding shared with the transport ----

    /**
     * Appends {@code value} percent-encoded as the SDK signs it: {@code URLEncoder} (UTF-8) with
     * {@code +} → {@code %20}, {@code *} → {@code %2A}, {@code %7E} → {@code ~}; that is, everything but
     * {@code A-Z a-z 0-9 - . _ ~} is escaped.
     */
    static void appendEncoded(StringBuilder out, String value, boolean keepAsterisk) {
        appendEncoded(out, value, 0, value.length(), keepAsterisk);
    }

    /** {@link #appendEncoded(StringBuilder, String, boolean)} of {@code value[start, end)}. */
    private static void appendEncoded(StringBuilder out, String value, int start, int end, boolean keepAsterisk) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                appendEncodedBytes(out, value.substring(i, end), keepAsterisk);
                return;
            }
            if (isUnreserved(c) || (keepAsterisk && c == '*')) {
                out.append(c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
    }

    private static void appendEncodedBytes(StringBuilder out, String value, boolean keepAsterisk) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (isUnreserved((char) c) || (keepAsterisk && c == '*'))) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    /** Appends the path as sent on the wire: each segment encoded as signed, except that {@code *} stays. */
    static void appendWirePath(StringBuilder out, String path) {
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            appendEncoded(out, path, start, end, true);
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
    }

    // ---- the algorithm ----

    /** Writes the canonical request into {@code s.text}, and the signed names, sorted, into {@code s.names}. */
    private void canonicalRequest(Scratch s, String method, String path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, byte[] body, boolean signContentType) {
        StringBuilder sb = s.text;
        sb.setLength(0);
        sb.append(method).append('\n');
        appendCanonicalUri(sb, path);
        sb.append('\n');
        appendCanonicalQuery(sb, query);
        sb.append('\n');

        String[] names = s.names(headers.size());
        String[] values = s.values(headers.size());
        int count = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = LOWER_CASE_NAMES.get(h.getKey());
            if (name == null) {
                name = h.getKey().toLowerCase(Locale.ROOT);
            }
            if (name.indexOf('_') >= 0 || (!signContentType && name.equals("content-type"))) {
                continue;
            }
            names[count] = name;
            values[count] = h.getValue();
            count++;
        }
        sortByName(names, values, count);
        boolean hasHost = false;
        boolean hasDate = false;
        for (int i = 0; i < count; i++) {
            sb.append(names[i]).append(':').append(values[i]).append('\n');
            hasHost |= names[i].equals("host");
            hasDate |= names[i].equals("x-sdk-date");
        }
        if (!hasHost || !hasDate) {
            throw new IllegalArgumentException("a signed request needs the Host and X-Sdk-Date headers");
        }
        sb.append('\n');
        s.count = count;
        appendSignedHeaders(sb, s);
        sb.append('\n');
        if (body.length == 0) {
            sb.append(EMPTY_BODY_SHA256);
        } else {
            s.sha256.update(body);
            appendHex(sb, s.digest(s.sha256));
        }
        Arrays.fill(values, 0, count, null);
    }

    private static void appendSignedHeaders(StringBuilder sb, Scratch s) {
        for (int i = 0; i < s.count; i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(s.names[i]);
        }
    }

    /** Turns the canonical request in {@code s.text} into the string to sign (left in {@code s.text}) and the header. */
    private String authorization(Scratch s, String sdkDate) {
        StringBuilder sb = s.text;
        update(s.sha256, s, sb);
        sb.setLength(0);
        sb.append(ALGORITHM).append('\n').append(sdkDate).append('\n');
        appendHex(sb, s.digest(s.sha256));
        Mac mac = s.mac(key);
        update(mac, s, sb);
        byte[] signature = s.doFinal(mac);
        StringBuilder auth = s.header;
        auth.setLength(0);
        auth.append(ALGORITHM).append(" Access=").append(accessKey).append(", SignedHeaders=");
        appendSignedHeaders(auth, s);
        auth.append(", Signature=");
        appendHex(auth, signature);
        return auth.toString();
    }

    private static void appendCanonicalUri(StringBuilder sb, String path) {
        int start = sb.length();
        int from = 0;
        int n = path.length();
        // Java's split("/") semantics: empty segments kept except trailing ones; each is followed by '/'.
        int end = n;
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        while (from < end) {
            int slash = path.indexOf('/', from);
            int segEnd = slash < 0 || slash > end ? end : slash;
            appendEncoded(sb, path, from, segEnd, false);
            sb.append('/');
            from = segEnd + 1;
        }
        if (sb.length() == start) {
            sb.append('/');
        }
    }

    private static void appendCanonicalQuery(StringBuilder sb, List<Map.Entry<String, String>> query) {
        int n = query.size();
        if (n == 0) {
            return;
        }
        String[] keys = new String[n];
        String[] values = new String[n];
        StringBuilder tmp = new StringBuilder(32);
        for (int i = 0; i < n; i++) {
            Map.Entry<String, String> e = query.get(i);
            tmp.setLength(0);
            appendEncoded(tmp, e.getKey(), false);
            keys[i] = tmp.toString();
            tmp.setLength(0);
            appendEncoded(tmp, e.getValue(), false);
            values[i] = tmp.toString();
        }
        sortByName(keys, values, n); // stable: repeated keys keep their insertion order
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(keys[i]).append('=').append(values[i]);
        }
    }

    /** Stable insertion sort of parallel arrays by name: header and query lists are short. */
    private static void sortByName(String[] names, String[] values, int count) {
        for (int i = 1; i < count; i++) {
            String name = names[i];
            String value = values[i];
            int j = i - 1;
            while (j >= 0 && names[j].compareTo(name) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = name;
            values[j + 1] = value;
        }
    }

    private static String sdkDateOf(Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("x-sdk-date")) {
                return h.getValue();
            }
        }
        throw new IllegalArgumentException("a signed request needs the X-Sdk-Date header");
    }

    private static void appendHex(StringBuilder sb, byte[] bytes) {
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    /** Feeds the UTF-8 bytes of {@code sb} (ASCII in practice: everything in it is encoded or hex) to the digest. */
    private static void update(MessageDigest digest, Scratch s, StringBuilder sb) {
        byte[] bytes = s.ascii(sb);
        if (bytes == null) {
            digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            digest.update(bytes, 0, sb.length());
        }
    }

    private static void update(Mac mac, Scratch s, StringBuilder sb) {
        byte[] bytes = s.ascii(sb);
        if (bytes == null) {
            mac.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            mac.update(bytes, 0, sb.length());
        }
    }

    /** Per-thread reusable state: one digest, one MAC (re-keyed only when the key changes), buffers. */
    private static final class Scratch {
        final StringBuilder text = new StringBuilder(512);
        final StringBuilder header = new StringBuilder(256);
        final MessageDigest sha256;
        final Mac mac;
        @Nullable SecretKeySpec macKey;
        String[] names = new String[8];
        String[] values = new String[8];
        /** How many of {@link #names} the current signature signs. */
        int count;
        byte[] bytes = new byte[512];
        /** A digest or MAC result, valid until the next one: each is hex-encoded before the next is taken. */
        final byte[] hash = new byte[32];

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                mac = Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256 / HmacSHA256", e);
            }
        }

        Mac mac(SecretKeySpec key) {
            if (macKey != key) {
                try {
                    mac.init(key);
                } catch (InvalidKeyException e) {
                    throw new IllegalStateException("HmacSHA256 refused the key", e);
                }
                macKey = key;
            }
            return mac;
        }

        /** {@code sb} as bytes in {@link #bytes} when it is all ASCII (then its length is the byte count), else null. */
        byte @Nullable [] ascii(StringBuilder sb) {
            int n = sb.length();
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                char c = sb.charAt(i);
                if (c >= 0x80) {
                    return null;
                }
                bytes[i] = (byte) c;
            }
            return bytes;
        }

        byte[] digest(MessageDigest digest) {
            try {
                digest.digest(hash, 0, hash.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 is 32 bytes", e);
            }
            return hash;
        }

        byte[] doFinal(Mac mac) {
            try {
                mac.doFinal(hash, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("HmacSHA256 is 32 bytes", e);
            }
            return hash;
        }

        String[] names(int size) {
            if (names.length < size) {
                names = new String[size];
                values = new String[size];
            }
            return names;
        }

        String[] values(int size) {
            names(size);
            return values;
        }
    }
}
