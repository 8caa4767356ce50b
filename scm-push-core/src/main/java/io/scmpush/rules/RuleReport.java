package io.scmpush.rules;

import java.util.List;

/**
 * Every violation one evaluation found, in the engine's rule order.
 *
 * @param violations the findings, errors and warnings mixed, in rule order
 */
public record RuleReport(List<Violation> violations) {

    /**
     * Copies the violations.
     *
     * @param violations the findings, errors and warnings mixed, in rule order
     */
    public RuleReport {
        violations = List.copyOf(violations);
    }

    /** {@return whether any violation is an {@link Severity#ERROR}, which blocks the targets it applies to} */
    public boolean hasErrors() {
        return violations.stream().anyMatch(v -> v.severity() == Severity.ERROR);
    }

    /** {@return the {@link Severity#ERROR} violations, in rule order} */
    public List<Violation> errors() {
        return violations.stream().filter(v -> v.severity() == Severity.ERROR).toList();
    }

    /** {@return the {@link Severity#WARNING} violations, in rule order} */
    public List<Violation> warnings() {
        return violations.stream().filter(v -> v.severity() == Severity.WARNING).toList();
    }
}
