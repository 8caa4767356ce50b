package io.scmpush.rules;

import java.util.List;

/** One push rule: a pure function of the context (no I/O, no clock but the context's). */
@FunctionalInterface
public interface PushRule {
    List<Violation> check(RuleContext context);
}
