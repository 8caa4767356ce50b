package io.scmpush.internal.rules;

import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.RuleReport;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What the push engine needs of a {@link RuleEngine} beyond its public API: its rules, and an evaluation
 * that goes on past a rule that throws. Installed by {@link RuleEngine}'s static initializer, so any code
 * holding an engine can use it.
 */
public final class RuleAccess {
    private static volatile @Nullable Access access;

    private RuleAccess() {}

    /** Called once by {@link RuleEngine}'s static initializer. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("already installed");
        }
        access = a;
    }

    /** The engine's own rules by id, in evaluation order (not the providers'). */
    public static Map<String, PushRule> rules(RuleEngine engine) {
        return access().rules(engine);
    }

    /**
     * {@link RuleEngine#evaluate} over the rules {@code include} accepts (id, rule), where a rule that throws
     * (or returns null) is told to {@code onThrow} and contributes no violation; the others go on.
     */
    public static RuleReport evaluate(RuleEngine engine, RuleContext context, BiPredicate<String, PushRule> include,
            OnThrow onThrow) {
        return access().evaluate(engine, context, include, onThrow);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            throw new IllegalStateException("RuleEngine not initialized");
        }
        return a;
    }

    /** Told of a rule that threw. */
    @FunctionalInterface
    public interface OnThrow {
        /**
         * @param service the provider that contributed the rule; null for a rule of the engine itself
         */
        void failed(String ruleId, PushRule rule, @Nullable String service, RuntimeException e);
    }

    /** Implemented by {@link RuleEngine}. */
    public interface Access {
        Map<String, PushRule> rules(RuleEngine engine);

        RuleReport evaluate(RuleEngine engine, RuleContext context, BiPredicate<String, PushRule> include,
                OnThrow onThrow);
    }
}
