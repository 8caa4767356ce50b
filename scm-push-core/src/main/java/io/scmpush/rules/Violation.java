package io.scmpush.rules;

import org.jspecify.annotations.Nullable;

/**
 * A rule's finding. {@code service == null}: it applies to every target; a service with
 * {@code region == null}: to every region of that service.
 *
 * @param code the stable rule code, e.g. {@code REGION_LIMIT}
 */
public record Violation(String code, Severity severity, @Nullable String service, @Nullable String region,
        String message) {

    public static Violation error(String code, @Nullable String service, @Nullable String region, String message) {
        return new Violation(code, Severity.ERROR, service, region, message);
    }

    public static Violation warning(String code, @Nullable String service, @Nullable String region, String message) {
        return new Violation(code, Severity.WARNING, service, region, message);
    }
}
