package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with every logger at its most verbose level (JUL {@code ALL}, the backend of
 * {@link System.Logger}) and, after the class, scans every log line and every text the tests
 * {@linkplain #show showed} (outcomes, results, exceptions with their stack traces, {@code toString()}s)
 * for the secrets they {@linkplain #secret registered}: a secret key or token as it is, a private key as
 * PEM, as any 16-character piece of its base64 body, as its raw DER bytes and as their hex. Pieces that
 * the public certificate shares (ASN.1 headers) are not secret and are not looked for.
 */
final class SecretsWatch implements BeforeAllCallback, AfterAllCallback {
    /** The shortest piece of a key's encoding that counts as a leak. */
    static final int PIECE = 16;
    private static final long BASE = 1_000_003;

    private final Map<String, String> wholeSecrets = new ConcurrentHashMap<>();
    /** Pieces of PIECE chars (base64, raw bytes) and of 2 * PIECE chars (hex), each with what it belongs to. */
    private final Map<String, String> pieces = new ConcurrentHashMap<>();
    /** The rolling hashes of the pieces, to find them without a substring per window. */
    private final Set<Long> pieceHashes = ConcurrentHashMap.newKeySet();
    private final Queue<String> shown = new ConcurrentLinkedQueue<>();
    private final Queue<String> logLines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            // What any formatter could print: the message with its parameters, and the stack trace of a thrown.
            StringBuilder line = new StringBuilder(record.getLoggerName()).append(": ")
                    .append(formatter.formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel = Level.INFO;
    private int scannedLogLines;
    private int scannedTexts;

    /** Registers a secret key or a security token. */
    void secret(String what, String value) {
        wholeSecrets.put(value, what);
    }

    /** Registers the private key of {@code certificate}. */
    void privateKeyOf(Certificate certificate) {
        String pem = certificate.privateKeyPem().orElseThrow();
        String what = "the private key of " + certificate.name();
        wholeSecrets.put(pem.strip(), what + " (PEM)");
        byte[] der = der(pem);
        byte[] publicDer = der(certificate.certificatePem());
        String publicText = body(certificate.certificatePem()) + new String(publicDer, StandardCharsets.ISO_8859_1)
                + HexFormat.of().formatHex(publicDer);
        addPieces(body(pem), PIECE, what + " (base64)", publicText);
        addPieces(new String(der, StandardCharsets.ISO_8859_1), PIECE, what + " (raw DER)", publicText);
        addPieces(HexFormat.of().formatHex(der), 2 * PIECE, what + " (hex)", publicText);
    }

    /** Adds what a user could see: {@code toString()}, or for an exception its message and stack trace. */
    void show(Object... seen) {
        for (Object item : seen) {
            if (item instanceof Throwable thrown) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                shown.add(trace.toString());
            } else {
                shown.add(String.valueOf(item));
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        root.removeHandler(capture);
        root.setLevel(previousLevel);
        List<String> leaks = new ArrayList<>();
        for (String line : logLines) {
            leaks.addAll(find(line, "log line"));
        }
        for (String text : shown) {
            leaks.addAll(find(text, "shown text"));
        }
        scannedLogLines = logLines.size();
        scannedTexts = shown.size();
        ReliabilityDoc.writeObserved("reliability-secrets-" + context.getRequiredTestClass().getSimpleName() + ".md",
                "| leaks found | " + leaks.size() + " (" + scannedLogLines + " log lines at ALL, " + scannedTexts
                        + " outcomes, results, exceptions and toString()s; " + wholeSecrets.size()
                        + " secrets) |\n");
        assertThat(leaks).as("secrets in what a user sees").isEmpty();
        assertThat(scannedLogLines).as("log lines captured at ALL: the scan must have something to scan")
                .isPositive();
    }

    /** Each secret found in {@code text}, named but not quoted. */
    List<String> find(String text, String where) {
        List<String> found = new ArrayList<>();
        wholeSecrets.forEach((secret, what) -> {
            if (text.contains(secret)) {
                found.add(what + " in a " + where);
            }
        });
        if (text.contains("PRIVATE KEY-----\n") || text.contains("PRIVATE KEY-----\\n")) {
            found.add("a private key PEM label in a " + where);
        }
        for (int length : new int[] {PIECE, 2 * PIECE}) {
            int at = findPiece(text, length);
            if (at >= 0) {
                found.add(pieces.get(text.substring(at, at + length)) + " in a " + where + " at " + at);
            }
        }
        return found;
    }

    /**
     * Where the first registered piece of {@code length} chars starts in {@code text}, or -1: a rolling
     * hash over every window, so that hundreds of thousands of log lines scan without a substring each.
     */
    private int findPiece(String text, int length) {
        if (text.length() < length) {
            return -1;
        }
        long power = 1;
        for (int i = 1; i < length; i++) {
            power *= BASE;
        }
        long hash = 0;
        for (int i = 0; i < text.length(); i++) {
            if (i >= length) {
                hash -= text.charAt(i - length) * power;
            }
            hash = hash * BASE + text.charAt(i);
            int start = i - length + 1;
            if (start >= 0 && pieceHashes.contains(hash) && pieces.containsKey(text.substring(start, i + 1))) {
                return start;
            }
        }
        return -1;
    }

    private static long hash(String piece) {
        long hash = 0;
        for (int i = 0; i < piece.length(); i++) {
            hash = hash * BASE + piece.charAt(i);
        }
        return hash;
    }

    private void addPieces(String encoded, int length, String what, String publicText) {
        for (int i = 0; i + length <= encoded.length(); i++) {
            String piece = encoded.substring(i, i + length);
            if (!publicText.contains(piece)) {
                pieces.put(piece, what);
                pieceHashes.add(hash(piece));
            }
        }
    }

    private static String body(String pem) {
        StringBuilder body = new StringBuilder();
        pem.lines().filter(line -> !line.startsWith("-----")).forEach(body::append);
        return body.toString();
    }

    /** The DER of the first block. */
    private static byte[] der(String pem) {
        String first = pem.substring(0, pem.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(body(first));
    }
}
