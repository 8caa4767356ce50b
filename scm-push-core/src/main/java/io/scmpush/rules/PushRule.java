package io.scmpush.rules;

import java.util.List;

/**
 * One push rule: a pure function of the context. The contract every rule keeps, the engine's and a
 * provider's alike:
 * <ul>
 * <li><b>Pure.</b> No I/O, no clock but {@link RuleContext#now()}, no state kept between calls: the same
 *     context always gives the same violations, so that {@code plan()} and {@code execute()} agree.</li>
 * <li><b>Thread-safe.</b> One rule instance judges many pushes at once, from many threads.</li>
 * <li><b>Never null.</b> It returns a list, empty when it has nothing to say, without null elements. A rule
 *     that returns null, or a list with a null in it, is treated as a rule that throws.</li>
 * <li><b>Throwing is a failure, not a verdict.</b> A rule that throws does not stop the push: in
 *     {@code execute()} and {@code plan()} the targets it would judge end {@code FAILED} with code
 *     {@link io.scmpush.OutcomeCodes#RULE_FAILED} and the rule id in the message (nothing is written to
 *     them), and the other targets go on. {@link RuleEngine#evaluate} alone passes the exception on. To
 *     refuse a push, return an {@link Severity#ERROR} violation instead.</li>
 * </ul>
 */
@FunctionalInterface
public interface PushRule {
    /**
     * Judges the push described by the context.
     *
     * @param context the certificate, targets, inventories, history and "now"
     * @return the violations found, never null and without null elements; empty when the rule has nothing to
     *     say
     */
    List<Violation> check(RuleContext context);
}
