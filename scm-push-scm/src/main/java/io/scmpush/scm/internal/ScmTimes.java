package io.scmpush.scm.internal;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The times SCM answers with. The SDK types {@code not_before}, {@code not_after} (show) and
 * {@code expire_time} (list) as plain strings, "empty when unknown"; SCM's documentation shows
 * {@code 2021-05-27 16:46:25.0}. Read here: that form with or without a fraction (taken as UTC: no zone is
 * documented), ISO-8601 with {@code T} and an optional offset, and epoch milliseconds. Anything else is
 * a {@code MALFORMED_RESPONSE} that names the field, so that a format change is seen, not guessed at.
 */
public final class ScmTimes {
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Pattern DIGITS = Pattern.compile("\\d{10,16}");

    private ScmTimes() {}

    /**
     * Reads one time field.
     *
     * @param field the field's name, e.g. {@code not_after}, for the error
     * @param value the field's text; null or blank for "unknown"
     * @param certificateId the certificate the answer is about, for the error
     * @return the instant, or null when SCM gave none
     * @throws CloudServiceException {@code MALFORMED_RESPONSE} naming the field when the text is no time
     */
    public static @Nullable Instant parse(String field, @Nullable String value, String certificateId) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return null;
        }
        String v = value.trim();
        try {
            if (DIGITS.matcher(v).matches()) {
                long n = Long.parseLong(v);
                return v.length() <= 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
            }
            if (v.indexOf('T') > 0) {
                if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                    return OffsetDateTime.parse(v.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
                }
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(v, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
            throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "SCM answered " + field + " = \"" + shown + "\" for certificate " + certificateId + ", which is not a time SCM documents (yyyy-MM-dd " + "HH:mm:ss[.S], ISO-8601, or epoch milliseconds)")
                    .httpStatus(200).attempts(1).build();
        }
    }
}
