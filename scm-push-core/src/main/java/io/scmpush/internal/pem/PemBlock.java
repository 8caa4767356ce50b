package io.scmpush.internal.pem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN label-----} … {@code -----END label-----} block of a PEM text (RFC 7468, with
 * the RFC 1421 headers that OpenSSL's legacy encrypted keys carry). Text outside blocks is ignored;
 * the base64 body is decoded only when a caller asks for it, so blocks nobody uses cost nothing.
 */
record PemBlock(String label, Map<String, String> headers, String base64, int line) {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-]*)-----");
    private static final Pattern END = Pattern.compile("-----END ([^-]*)-----");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    PemBlock {
        headers = Map.copyOf(headers);
    }

    /**
     * Splits {@code text} into its PEM blocks.
     *
     * @throws IllegalArgumentException when a block has no matching END line; the message says where
     */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        String[] lines = LINE_BREAK.split(text, -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i].strip());
            if (!begin.matches()) {
                continue;
            }
            String label = begin.group(1).strip();
            int start = i;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            boolean inHeaders = true;
            boolean ended = false;
            for (i++; i < lines.length; i++) {
                String line = lines[i].strip();
                Matcher end = END.matcher(line);
                if (end.matches()) {
                    if (!end.group(1).strip().equals(label)) {
                        throw new IllegalArgumentException("the PEM block '" + label + "' that begins on line "
                                + (start + 1) + " ends with '" + line + "' on line " + (i + 1));
                    }
                    ended = true;
                    break;
                }
                if (BEGIN.matcher(line).matches()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (inHeaders && colon > 0) {
                    headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                    continue;
                }
                inHeaders = false;
                body.append(line);
            }
            if (!ended) {
                throw new IllegalArgumentException("the PEM block '" + label + "' that begins on line " + (start + 1)
                        + " has no '-----END " + label + "-----' line");
            }
            blocks.add(new PemBlock(label, headers, body.toString(), start + 1));
        }
        return blocks;
    }

    /**
     * The decoded body.
     *
     * @throws IllegalArgumentException when the body is not base64
     */
    byte[] decode() {
        String compact = base64.replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block '" + label + "' on line " + line
                    + " is not valid base64 (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A hint for text that holds a BEGIN line but no block: PEM flattened onto one line, or with its line
     * breaks escaped as {@code \n} (environment variables, JSON), loses the lines that delimit it.
     */
    static String flattenedHint(String text) {
        return text.contains("-----BEGIN ")
                ? " (a '-----BEGIN' was found, but not on a line of its own: restore the line breaks of the PEM text;"
                        + " a literal \\n in it means they were escaped)"
                : "";
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public String toString() {
        return "PemBlock[" + label + " on line " + line + "]";
    }
}
