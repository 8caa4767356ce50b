package io.scmpush.rules;

import java.util.List;

/** One push rule: a pure function of the context (no I/O, no clock but the context's). */
@FunctionalInterface
public interface PushRule {
    /**
     * Judges the push described by the context.
     *
     * @param context the certificate, targets, inventories, history and "now"
     * @return the violations found; empty when the rule has nothing to say
     */
    List<Violation> check(RuleContext context);
}
