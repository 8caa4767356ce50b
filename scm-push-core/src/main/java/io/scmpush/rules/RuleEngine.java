package io.scmpush.rules;

import java.util.List;

/** An immutable, ordered set of named rules. {@code with}/{@code without} return new engines. */
public final class RuleEngine {
    // TODO(rules)
    private RuleEngine() {}

    /** Every built-in rule of DESIGN.md, ids equal to their codes, in table order. */
    public static RuleEngine standard() {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    public static RuleEngine empty() {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    /** This engine with {@code rule} under {@code id}, replacing a rule of that id in place, else last. */
    public RuleEngine with(String id, PushRule rule) {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    public RuleEngine without(String id) {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    /** Rule ids in evaluation order. */
    public List<String> ruleIds() {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    public RuleReport evaluate(RuleContext context) {
        throw new UnsupportedOperationException("TODO(rules)");
    }
}
