package io.scmpush.internal.http;

import io.scmpush.BindingOutcome;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.TargetOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes text that a service supplied safe to log, store and return: no PEM block, no secret key, no
 * security token and no piece of a private key, and not longer than a bound. A service may echo any of
 * them, armored or as bare base64, in any field it returns ({@code error_code}, {@code request_id}, a
 * message, an id). Immutable and thread-safe.
 *
 * <p>A secret is found whole, and also as any run of base64 or base64url characters that shares
 * {@value #PIECE} characters with it, so that a secret cut short or wrapped onto lines is found too; such
 * a run is replaced whole by {@value #REDACTED}.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";
    /** The length of a piece of a secret that is recognized. */
    static final int PIECE = 16;
    /** The longest error code kept: Huawei's are a dozen characters ({@code WAF.00011016}). */
    public static final int MAX_CODE = 64;
    /** The longest request id kept: Huawei's are 32 hex characters. */
    public static final int MAX_REQUEST_ID = 128;
    /** The longest remote id or name kept: Huawei's ids are 32 to 36 characters, names at most 64. */
    public static final int MAX_ID = 256;
    /** The longest message kept, context included; the service's own part is cut at 500 first. */
    public static final int MAX_MESSAGE = 4_000;

    private static final Redactor NONE = new Redactor(List.of(), null, 0, 0);
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN [^-]*-----.*?(-----END [^-]*-----|$)",
            Pattern.DOTALL);

    /** Each secret as one string without line breaks. */
    private final List<String> secrets;
    /**
     * Where a private key whose pieces are redacted too is written, {@code keyText} from {@code keyFrom} to
     * {@code keyTo}: a PEM, or a PEM inside a JSON string. Its base64 body is joined at the first scrub.
     */
    private final @Nullable String keyText;
    private final int keyFrom;
    private final int keyTo;
    private volatile @Nullable String keyBody;

    private Redactor(List<String> secrets, @Nullable String keyText, int keyFrom, int keyTo) {
        this.secrets = secrets;
        this.keyText = keyText;
        this.keyFrom = keyFrom;
        this.keyTo = keyTo;
    }

    /** Redacts PEM blocks only, and bounds lengths. */
    public static Redactor none() {
        return NONE;
    }

    /**
     * @param credentials whose secret key and security token are redacted
     * @return a redactor of those secrets
     */
    public static Redactor of(Credentials credentials) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(CredentialSecrets.secretKey(credentials));
        String token = CredentialSecrets.securityToken(credentials);
        if (token != null) {
            secrets.add(token);
        }
        return new Redactor(List.copyOf(secrets), null, 0, 0);
    }

    /**
     * This redactor, redacting the key in {@code privateKeyPem} too: its PEM, and its base64 body with or
     * without line breaks, whole or in pieces.
     *
     * @param privateKeyPem a PEM private key; null adds nothing
     * @return a redactor of these secrets and that key
     */
    public Redactor withKey(@Nullable String privateKeyPem) {
        return privateKeyPem == null ? this : new Redactor(secrets, privateKeyPem, 0, privateKeyPem.length());
    }

    /**
     * This redactor, redacting the private key that a request body carries too, as {@link #withKey} does. The
     * PEM is read where it is, inside its JSON string, when a scrub first needs it: not copied out and
     * unescaped first, which cost a fifth of what a push allocated.
     *
     * @param json a request body; null, or one without a private key, adds nothing
     * @return a redactor of these secrets and that key
     */
    public Redactor withKeyIn(@Nullable String json) {
        if (json == null) {
            return this;
        }
        int marker = json.indexOf("PRIVATE KEY-----");
        int begin = marker < 0 ? -1 : json.lastIndexOf("-----BEGIN", marker); // its BEGIN line
        if (begin < 0) {
            return this;
        }
        int end = json.indexOf("-----END", begin);
        int close = end < 0 ? -1 : json.indexOf("-----", end + 8);
        return new Redactor(secrets, json, begin, close < 0 ? json.length() : close + 5);
    }

    /**
     * The key's base64 body on one line ("" when none): what a service may echo without the armor. Every line
     * but the armor and legacy headers ({@code Proc-Type: ...}), stripped; a line ends at a line break or at
     * the {@code \n} or {@code \r} of a JSON string.
     */
    private String keyBody() {
        String body = keyBody;
        if (body == null) {
            String text = keyText;
            StringBuilder joined = new StringBuilder(keyTo - keyFrom);
            int i = keyFrom;
            while (text != null && i < keyTo) {
                int lineEnd = i;
                while (lineEnd < keyTo && lineBreak(text, lineEnd) == 0) {
                    lineEnd++;
                }
                int from = i;
                int to = lineEnd;
                while (from < to && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                    to--;
                }
                if (!text.startsWith("-----", from) && !contains(text, from, to, ':')) { // armor, legacy header
                    joined.append(text, from, to);
                }
                i = lineEnd < keyTo ? lineEnd + lineBreak(text, lineEnd) : keyTo;
            }
            body = joined.toString();
            keyBody = body;
        }
        return body;
    }

    /** The length of the line break at {@code i}: 1 for CR or LF, 2 for a JSON string's {@code \n} or {@code \r}. */
    private static int lineBreak(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
            return 1;
        }
        boolean escaped = c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == 'r');
        return escaped ? 2 : 0;
    }

    private static boolean contains(String text, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /** Whether a key is redacted: one was given, and its body is not empty. */
    private boolean hasKey() {
        return keyText != null && !keyBody().isEmpty();
    }

    /**
     * {@code text} without PEM blocks, secrets or pieces of them, cut to {@code max} characters.
     *
     * @param text what a service returned, or a message that quotes it; null stays null
     * @param max the most characters kept; a longer text is cut and ends with {@code ...}
     * @return the safe text
     */
    public @Nullable String scrub(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        String s = text.contains("-----BEGIN") ? PEM_BLOCK.matcher(text).replaceAll("[PEM redacted]") : text;
        for (String secret : secrets) {
            if (s.contains(secret)) {
                s = s.replace(secret, REDACTED);
            }
        }
        if (hasKey() && s.contains(keyBody())) {
            s = s.replace(keyBody(), REDACTED);
        }
        s = redactPieces(s);
        return s.length() > max ? s.substring(0, Math.max(0, max - 3)) + "..." : s;
    }

    /** Replaces each run of base64(url) characters that shares a piece with a secret. */
    private String redactPieces(String s) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            if (!isBase64(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && isBase64(s.charAt(i))) {
                i++;
            }
            if (i - start >= PIECE && sharesPiece(s, start, i)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, start).append(REDACTED);
                copied = i;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private boolean sharesPiece(String s, int from, int to) {
        for (String secret : secrets) {
            if (sharesPiece(s, from, to, secret)) {
                return true;
            }
        }
        return hasKey() && sharesPiece(s, from, to, keyBody());
    }

    private static boolean sharesPiece(String s, int from, int to, String secret) {
        for (int w = from; w + PIECE <= to; w++) {
            char first = s.charAt(w);
            for (int p = secret.indexOf(first); p >= 0 && p + PIECE <= secret.length();
                    p = secret.indexOf(first, p + 1)) {
                if (secret.regionMatches(p, s, w, PIECE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code outcome} with every field a service may have supplied scrubbed and bounded: remote id, code,
     * message and request id.
     *
     * @param outcome an outcome about to be recorded, told or returned
     * @return the same outcome when nothing needed changing
     */
    public TargetOutcome scrub(TargetOutcome outcome) {
        String remoteId = scrub(outcome.remoteId(), MAX_ID);
        String code = scrub(outcome.code(), MAX_CODE);
        String message = Objects.requireNonNull(scrub(outcome.message(), MAX_MESSAGE));
        String requestId = scrub(outcome.requestId(), MAX_REQUEST_ID);
        if (Objects.equals(remoteId, outcome.remoteId()) && Objects.equals(code, outcome.code())
                && message.equals(outcome.message()) && Objects.equals(requestId, outcome.requestId())) {
            return outcome;
        }
        return new TargetOutcome(outcome.service(), outcome.region(), outcome.status(), remoteId, code, message,
                requestId, outcome.attempts(), outcome.elapsed());
    }

    /**
     * {@code outcome} with every field a service may have supplied scrubbed and bounded: the certificate ids,
     * code, message and request id.
     *
     * @param outcome a binding's outcome about to be returned
     * @return the same outcome when nothing needed changing
     */
    public BindingOutcome scrub(BindingOutcome outcome) {
        String certificateId = scrub(outcome.certificateId(), MAX_ID);
        String previous = scrub(outcome.previousCertificateId(), MAX_ID);
        String code = scrub(outcome.code(), MAX_CODE);
        String message = Objects.requireNonNull(scrub(outcome.message(), MAX_MESSAGE));
        String requestId = scrub(outcome.requestId(), MAX_REQUEST_ID);
        if (Objects.equals(certificateId, outcome.certificateId())
                && Objects.equals(previous, outcome.previousCertificateId()) && Objects.equals(code, outcome.code())
                && message.equals(outcome.message()) && Objects.equals(requestId, outcome.requestId())) {
            return outcome;
        }
        return new BindingOutcome(outcome.binding(), outcome.status(), certificateId, previous, code, message,
                requestId);
    }

    /**
     * {@code e} with its message, codes and request id scrubbed and bounded; its cause kept.
     *
     * @param e a failure whose text may quote a service
     * @return the same exception when nothing needed changing
     */
    public CloudServiceException scrub(CloudServiceException e) {
        String message = scrub(e.getMessage(), MAX_MESSAGE);
        String code = Objects.requireNonNull(scrub(e.code(), MAX_CODE));
        String errorCode = scrub(e.errorCode(), MAX_CODE);
        String requestId = scrub(e.requestId(), MAX_REQUEST_ID);
        if (Objects.equals(message, e.getMessage()) && code.equals(e.code())
                && Objects.equals(errorCode, e.errorCode()) && Objects.equals(requestId, e.requestId())) {
            return e;
        }
        return CloudServiceException.builder(code, String.valueOf(message)).httpStatus(e.httpStatus())
                .errorCode(errorCode).requestId(requestId).retryable(e.retryable()).attempts(e.attempts())
                .cause(e.getCause()).build();
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '+' || c == '/' || c == '-' || c == '_'; // not '=': padding, and the sign of key=value
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secrets" + (keyText != null ? " and a key" : "") + "]"; // never them
    }
}
