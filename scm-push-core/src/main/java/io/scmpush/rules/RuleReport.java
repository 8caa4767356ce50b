package io.scmpush.rules;

import java.util.List;

/** Every violation one evaluation found, in the engine's rule order. */
public record RuleReport(List<Violation> violations) {

    public RuleReport {
        violations = List.copyOf(violations);
    }

    public boolean hasErrors() {
        return violations.stream().anyMatch(v -> v.severity() == Severity.ERROR);
    }

    public List<Violation> errors() {
        return violations.stream().filter(v -> v.severity() == Severity.ERROR).toList();
    }

    public List<Violation> warnings() {
        return violations.stream().filter(v -> v.severity() == Severity.WARNING).toList();
    }
}
