package io.scmpush.rules;

import org.jspecify.annotations.Nullable;

/**
 * A rule's finding. {@code service == null}: it applies to every target; a service with
 * {@code region == null}: to every region of that service.
 *
 * @param code the stable rule code, e.g. {@code REGION_LIMIT}
 * @param severity whether it blocks the targets it applies to
 * @param service the service it applies to; null for every target
 * @param region the region it applies to; null for every region of {@code service}
 * @param message what is wrong and what to do, for a person
 */
public record Violation(String code, Severity severity, @Nullable String service, @Nullable String region,
        String message) {

    /**
     * A finding that blocks the targets it applies to.
     *
     * @param code the stable rule code
     * @param service the service it applies to; null for every target
     * @param region the region it applies to; null for every region of {@code service}
     * @param message what is wrong and what to do
     * @return the violation
     */
    public static Violation error(String code, @Nullable String service, @Nullable String region, String message) {
        return new Violation(code, Severity.ERROR, service, region, message);
    }

    /**
     * A finding that is only reported.
     *
     * @param code the stable rule code
     * @param service the service it applies to; null for every target
     * @param region the region it applies to; null for every region of {@code service}
     * @param message what to be aware of
     * @return the violation
     */
    public static Violation warning(String code, @Nullable String service, @Nullable String region, String message) {
        return new Violation(code, Severity.WARNING, service, region, message);
    }
}
