package io.scmpush.rules;

import io.scmpush.PushTarget;
import io.scmpush.internal.rules.RuleAccess;
import io.scmpush.internal.rules.StandardRules;
import io.scmpush.spi.ProviderDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered set of named rules; {@code with}/{@code without} return new engines. Thread-safe.
 *
 * <p>{@link #evaluate} runs the engine's rules in {@link #ruleIds()} order, then the rules that the
 * providers of the request's services contribute through {@link ProviderDescriptor#rules()}, ordered by
 * service id, then by rule id. A provider rule whose id the engine already has is skipped: so
 * {@code with(RuleCodes.DOMAIN_NOT_ONBOARDED, myRule)} replaces the CDN provider's rule, and
 * {@code with(RuleCodes.DOMAIN_NOT_ONBOARDED, context -> List.of())} turns it off. A provider rule speaks for its
 * own service only: a violation it reports without a service is attributed to that service.
 */
public final class RuleEngine {
    private static final RuleEngine EMPTY = new RuleEngine(Map.of());
    private static final RuleEngine STANDARD = new RuleEngine(StandardRules.rules());

    static {
        RuleAccess.install(new RuleAccess.Access() {
            @Override
            public Map<String, PushRule> rules(RuleEngine engine) {
                return engine.rules;
            }

            @Override
            public RuleReport evaluate(RuleEngine engine, RuleContext context, BiPredicate<String, PushRule> include,
                    RuleAccess.OnThrow onThrow) {
                return engine.evaluate(context, include, onThrow);
            }
        });
    }

    private final Map<String, PushRule> rules;

    private RuleEngine(Map<String, PushRule> rules) {
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /**
     * Every built-in rule, ids equal to their codes, in evaluation order: {@code CERT_STATUS},
     * {@code MANUAL_CSR}, {@code PRIVATE_KEY_REQUIRED}, {@code REGION_REQUIRED}, {@code REGION_LIMIT},
     * {@code REGION_NOT_APPLICABLE}, {@code ALREADY_PUSHED}, {@code NAME_CONFLICT},
     * {@code SERVICE_UNAVAILABLE}, {@code CERT_EXPIRED}, {@code CERT_NOT_YET_VALID},
     * {@code CERT_EXPIRING_SOON}, {@code WEAK_KEY}, {@code UNKNOWN_SERVICE}, {@code DUPLICATE_TARGET}.
     * {@code DOMAIN_NOT_ONBOARDED} is the CDN provider's own rule.
     *
     * @return the standard engine (one shared immutable instance)
     */
    public static RuleEngine standard() {
        return STANDARD;
    }

    /** {@return an engine with no rule of its own; providers' rules still apply} */
    public static RuleEngine empty() {
        return EMPTY;
    }

    /**
     * This engine with {@code rule} under {@code id}, replacing a rule of that id in place, else last.
     *
     * @param id the rule's id, shown where it fails; a provider's rule of the same id is replaced too
     * @param rule the rule
     * @return a new engine; this one is unchanged
     * @throws IllegalArgumentException when {@code id} is blank
     */
    public RuleEngine with(String id, PushRule rule) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a rule id must not be blank");
        }
        Map<String, PushRule> copy = new LinkedHashMap<>(rules);
        copy.put(id, rule);
        return new RuleEngine(copy);
    }

    /**
     * This engine without a rule.
     *
     * @param id the rule's id, such as {@code CERT_EXPIRING_SOON}
     * @return an engine without it; this one when it has no rule of that id
     */
    public RuleEngine without(String id) {
        if (!rules.containsKey(id)) {
            return this;
        }
        Map<String, PushRule> copy = new LinkedHashMap<>(rules);
        copy.remove(id);
        return new RuleEngine(copy);
    }

    /** {@return the rule ids, in evaluation order} */
    public List<String> ruleIds() {
        return List.copyOf(rules.keySet());
    }

    /**
     * Checks every rule against the context.
     *
     * @param context what the rules may look at
     * @return every violation of the engine's rules, then of the providers' rules (see the class comment),
     *     in that order
     * @throws RuntimeException what a rule throws; a rule that returns null, or a list with a null in it,
     *     throws {@link NullPointerException}
     */
    public RuleReport evaluate(RuleContext context) {
        return evaluate(context, (id, rule) -> true, null);
    }

    /** With {@code onThrow} null, a rule's exception ends the evaluation; else it is told and the others go on. */
    private RuleReport evaluate(RuleContext context, BiPredicate<String, PushRule> include,
            RuleAccess.@Nullable OnThrow onThrow) {
        List<Violation> found = new ArrayList<>();
        rules.forEach((id, rule) -> {
            if (include.test(id, rule)) {
                check(id, rule, context, null, found, onThrow);
            }
        });
        for (String service : services(context.targets())) {
            ProviderDescriptor descriptor = context.descriptor(service).orElse(null);
            if (descriptor == null || descriptor.rules().isEmpty()) {
                continue;
            }
            for (Map.Entry<String, PushRule> rule : new TreeMap<>(descriptor.rules()).entrySet()) {
                // the engine's rule of that id replaces the provider's
                if (!rules.containsKey(rule.getKey()) && include.test(rule.getKey(), rule.getValue())) {
                    check(rule.getKey(), rule.getValue(), context, service, found, onThrow);
                }
            }
        }
        return new RuleReport(found);
    }

    /** The services the targets name, each once, sorted. */
    private static List<String> services(List<PushTarget> targets) {
        List<String> services = new ArrayList<>(targets.size());
        for (PushTarget target : targets) {
            if (!services.contains(target.service())) {
                services.add(target.service());
            }
        }
        services.sort(null);
        return services;
    }

    /**
     * Adds what {@code rule} reports to {@code found}; a violation with no service is attributed to
     * {@code service} when that is not null (a provider rule speaks for its own service only).
     */
    private static void check(String id, PushRule rule, RuleContext context, @Nullable String service,
            List<Violation> found, RuleAccess.@Nullable OnThrow onThrow) {
        if (onThrow == null) {
            check(id, rule, context, service, found);
            return;
        }
        int before = found.size();
        try {
            check(id, rule, context, service, found);
        } catch (RuntimeException e) {
            found.subList(before, found.size()).clear(); // a rule that fails says nothing
            onThrow.failed(id, rule, service, e);
        }
    }

    private static void check(String id, PushRule rule, RuleContext context, @Nullable String service,
            List<Violation> found) {
        List<Violation> violations = rule.check(context);
        if (violations == null) {
            throw new NullPointerException("rule " + id + " returned null instead of a list");
        }
        if (violations.isEmpty()) {
            return; // most rules find nothing: no iterator, no copy
        }
        for (Violation v : violations) {
            if (v == null) {
                throw new NullPointerException("rule " + id + " returned a null violation");
            }
            found.add(v.service() != null || service == null ? v
                    : new Violation(v.code(), v.severity(), service, v.region(), v.message()));
        }
    }

    @Override
    public String toString() {
        return "RuleEngine" + rules.keySet();
    }
}
