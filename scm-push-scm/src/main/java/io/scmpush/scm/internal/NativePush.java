package io.scmpush.scm.internal;

import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PushHistory;
import io.scmpush.PushListener;
import io.scmpush.PushPlan;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPushException;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.RuleReport;
import io.scmpush.rules.Severity;
import io.scmpush.rules.Violation;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetInventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * SCM's own push: {@code push} for CDN, {@code batch-push} (10 regions a call) for WAF and ELB, so that
 * the private key stays in Huawei Cloud. Before any push call it reads {@code show} and runs the rules in
 * force on {@link Description}'s view of the certificate; then it writes the allowed (service, region)
 * units, records every outcome in the history and tells the listener, as {@code PushRequest.execute()}
 * does.
 *
 * <p>It cannot read the target first: the certificate body stays in SCM, so nothing can be compared
 * with what WAF, ELB or CDN hold. Duplicates are kept out through the history instead: a (service,
 * region) with a {@code PUSHED} record of this certificate (keyed by SCM's fingerprint) is rejected
 * {@code ALREADY_PUSHED}; a copy SCM itself refuses comes back as that region's {@code FAILED} outcome.
 */
public final class NativePush {
    /** SCM's {@code target_service} for each service it pushes to. */
    static final Map<String, String> TARGET_SERVICES = Map.of("waf", "WAF", "elb", "ELB", "cdn", "CDN");
    static final int MAX_REGIONS_PER_CALL = 10;
    private static final Pattern ERROR_CODE = Pattern.compile("\\b([A-Z][A-Za-z]*\\.\\d{3,})\\b");
    private static final System.Logger LOG = System.getLogger("io.scmpush.scm");

    private final ScmApi api;
    private final RuleEngine rules;
    private final PushHistory history;
    private final PushListener listener;
    private final Clock clock;
    private final Function<String, Optional<ProviderDescriptor>> installed;

    /**
     * @param rules the rules in force of the {@code ScmPush}
     * @param installed the descriptor of a connected provider by service, for its region limits and rules
     */
    public NativePush(ScmApi api, RuleEngine rules, PushHistory history, PushListener listener, Clock clock,
            Function<String, Optional<ProviderDescriptor>> installed) {
        this.api = api;
        this.rules = rules;
        this.history = history;
        this.listener = listener;
        this.clock = clock;
        this.installed = installed;
    }

    /**
     * Pushes SCM certificate {@code id} to {@code targets}; remote failures and violations are outcomes. The
     * rules that need nothing from SCM (REGION_LIMIT, REGION_REQUIRED, DUPLICATE_TARGET, UNKNOWN_SERVICE, ...)
     * are judged first: when they reject every target, nothing is sent at all, not even {@code show}.
     */
    public PushResult push(String id, List<PushTarget> targets) {
        long started = System.nanoTime();
        List<Unit> early = units(targets);
        List<Violation> beforeShow = beforeShow(targets, early);
        if (early.stream().allMatch(unit -> firstError(unit, beforeShow) != null)) {
            return rejectedBeforeShow(id, early, beforeShow, started);
        }
        ScmApi.Shown shown;
        try {
            shown = api.show(id);
        } catch (ScmPushException e) {
            return unreadable(id, targets, e, started);
        }
        Certificate described = Description.of(shown, clock.instant());
        String key = shown.fingerprint() != null ? shown.fingerprint() : "scm:" + id;
        String name = Description.name(shown.certificate()) != null ? shown.certificate().name() : described.name();

        List<PushRecord> past = history.latest(key);
        RuleContext.Builder context = RuleContext.builder().certificate(described).now(clock.instant())
                .duplicatePolicy(DuplicatePolicy.FAIL).history(past);
        targets.forEach(context::target);
        for (String service : TARGET_SERVICES.keySet()) {
            context.descriptor(installed.apply(service).orElseGet(() -> builtIn(service)));
        }
        RuleReport evaluated = rules.evaluate(context.build());

        List<Violation> all = new ArrayList<>(evaluated.violations());
        List<Unit> units = units(targets);
        List<PlannedAction> actions = new ArrayList<>();
        for (Unit unit : units) {
            List<Violation> mine = new ArrayList<>();
            for (Violation v : evaluated.violations()) {
                if (unit.isSubjectOf(v)) {
                    mine.add(v);
                }
            }
            boolean rejected = mine.stream().anyMatch(v -> v.severity() == Severity.ERROR);
            if (!rejected && !TARGET_SERVICES.containsKey(unit.service())) {
                mine.add(extra(all, unknownToScm(unit)));
                rejected = true;
            }
            if (!rejected) {
                PushRecord earlier = pushedBefore(past, unit);
                if (earlier != null) {
                    mine.add(extra(all, Violation.error(RuleCodes.ALREADY_PUSHED, unit.service(), unit.region(),
                            where(unit) + " already holds SCM certificate " + id + ": this history records a native "
                                    + "push of it on " + earlier.at() + " (id '" + earlier.remoteId() + "'); SCM "
                                    + "cannot re-read the target, so it is not pushed twice")));
                    rejected = true;
                }
            }
            actions.add(new PlannedAction(unit.service(), unit.region(),
                    rejected ? PlannedAction.Action.REJECT : PlannedAction.Action.CREATE, mine));
        }
        RuleReport report = new RuleReport(all);
        PushPlan plan = new PushPlan(described, actions, report);
        tell("onPlanned", () -> listener.onPlanned(plan));

        TargetOutcome[] outcomes = new TargetOutcome[units.size()];
        Map<String, List<Integer>> writes = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            PlannedAction action = actions.get(i);
            if (action.action() == PlannedAction.Action.REJECT) {
                List<Violation> errors = action.violations().stream()
                        .filter(v -> v.severity() == Severity.ERROR).toList();
                // The outcome's code is the first error's: its message does not repeat it; the others name theirs.
                String message = errors.get(0).message() + errors.stream().skip(1)
                        .map(v -> "; " + v.code() + ": " + v.message()).collect(Collectors.joining());
                outcomes[i] = conclude(key, name, new TargetOutcome(action.service(), action.region(),
                        OutcomeStatus.REJECTED, null, errors.get(0).code(), message, null, 0, elapsed(started)));
            } else {
                writes.computeIfAbsent(units.get(i).service(), s -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> service : writes.entrySet()) {
            List<Integer> indexes = service.getValue();
            for (int from = 0; from < indexes.size(); from += MAX_REGIONS_PER_CALL) {
                List<Integer> call = indexes.subList(from, Math.min(indexes.size(), from + MAX_REGIONS_PER_CALL));
                write(id, name, service.getKey(), call, units, outcomes, started);
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (actions.get(i).action() == PlannedAction.Action.CREATE) {
                outcomes[i] = conclude(key, name, outcomes[i]);
            }
        }
        PushResult result = new PushResult(key, name, List.of(outcomes), report, elapsed(started));
        tell("onCompleted", () -> listener.onCompleted(result));
        return result;
    }

    /** One push call for the units at {@code indexes} of one service; fills their outcomes. */
    private void write(String id, String name, String service, List<Integer> indexes, List<Unit> units,
            TargetOutcome[] outcomes, long started) {
        String target = Objects.requireNonNull(TARGET_SERVICES.get(service), "only services SCM pushes to are written");
        try {
            if (service.equals("cdn")) {
                ScmApi.BatchAnswer answer = api.push(id, target, null);
                for (int i : indexes) {
                    outcomes[i] = new TargetOutcome(service, null, OutcomeStatus.PUSHED, name, null,
                            "Pushed by SCM as '" + name + "'", answer.requestId(), answer.attempts(), elapsed(started));
                }
                return;
            }
            List<String> regions = indexes.stream().map(i -> Objects.requireNonNull(units.get(i).region())).toList();
            ScmApi.BatchAnswer answer = api.batchPush(id, target, regions);
            for (int i : indexes) {
                String region = units.get(i).region();
                ScmApi.Pushed pushed = answer.results().stream().filter(r -> r.projectName().equals(region))
                        .findFirst().orElse(null);
                if (pushed == null) {
                    outcomes[i] = new TargetOutcome(service, region, OutcomeStatus.FAILED, null, OutcomeCodes.OUTCOME_UNKNOWN,
                            "SCM's batch push answered no result for " + region + ": whether " + where(units.get(i))
                                    + " now holds the certificate is unknown", answer.requestId(), answer.attempts(),
                            elapsed(started));
                } else if (pushed.certId() != null) {
                    outcomes[i] = new TargetOutcome(service, region, OutcomeStatus.PUSHED, pushed.certId(), null,
                            "Pushed by SCM as '" + pushed.certId() + "'" + (pushed.message().isBlank() ? ""
                                    : " (" + pushed.message() + ")"), answer.requestId(), answer.attempts(),
                            elapsed(started));
                } else {
                    outcomes[i] = new TargetOutcome(service, region, OutcomeStatus.FAILED, null,
                            codeIn(pushed.message()), "SCM could not push to " + where(units.get(i)) + ": "
                                    + (pushed.message().isBlank() ? "no reason given" : pushed.message()),
                            answer.requestId(), answer.attempts(), elapsed(started));
                }
            }
        } catch (RuntimeException e) {
            String code = e instanceof ScmPushException ours ? ours.code() : OutcomeCodes.PROVIDER_ERROR;
            String requestId = e instanceof CloudServiceException cloud ? cloud.requestId() : null;
            int attempts = e instanceof CloudServiceException cloud ? cloud.attempts() : 0;
            String message = e instanceof ScmPushException ? String.valueOf(e.getMessage())
                    : "SCM's push threw " + e.getClass().getName();
            LOG.log(System.Logger.Level.DEBUG, "SCM's push of " + id + " to " + service + " failed: " + code);
            for (int i : indexes) {
                outcomes[i] = new TargetOutcome(service, units.get(i).region(), OutcomeStatus.FAILED, null, code,
                        message, requestId, attempts, elapsed(started));
            }
        }
    }

    /**
     * The violations of the rules in force that judge the request without SCM's answer: each rule is run on
     * its own over a context whose certificate and history are not known yet; a rule that asks for either
     * (or fails) is left to the evaluation after {@code show}. Providers' own rules are left to it too. Plus
     * {@code UNKNOWN_SERVICE} for a service SCM does not push to. In the engine's rule order.
     */
    private List<Violation> beforeShow(List<PushTarget> targets, List<Unit> units) {
        List<ProviderDescriptor> descriptors = new ArrayList<>();
        for (String service : TARGET_SERVICES.keySet()) {
            ProviderDescriptor d = installed.apply(service).orElseGet(() -> builtIn(service));
            ProviderDescriptor.Builder withoutRules = ProviderDescriptor.builder(d.service(), d.scope())
                    .displayName(d.displayName()).uniqueNames(d.uniqueNames())
                    .requiresPrivateKey(d.requiresPrivateKey());
            if (d.scope() == Scope.REGIONAL) {
                withoutRules.maxRegions(d.maxRegions());
            }
            descriptors.add(withoutRules.build());
        }
        RuleContext context = new UnknownCertificate(targets, descriptors, clock.instant());
        List<Violation> found = new ArrayList<>();
        List<String> ids = rules.ruleIds();
        for (String id : ids) {
            RuleEngine alone = rules;
            for (String other : ids) {
                if (!other.equals(id)) {
                    alone = alone.without(other);
                }
            }
            try {
                found.addAll(alone.evaluate(context).violations());
            } catch (RuntimeException e) {
                // It needs the certificate or its history (UnknownCertificate.NEEDS_SHOW), or it failed: either
                // way the evaluation after show judges it.
            }
        }
        for (Unit unit : units) {
            if (!TARGET_SERVICES.containsKey(unit.service()) && firstError(unit, found) == null) {
                found.add(unknownToScm(unit));
            }
        }
        return found;
    }

    private static Violation unknownToScm(Unit unit) {
        return Violation.error(RuleCodes.UNKNOWN_SERVICE, unit.service(), unit.region(),
                "SCM pushes to waf, elb and cdn only, not to '" + unit.service() + "'");
    }

    private static @Nullable Violation firstError(Unit unit, List<Violation> violations) {
        for (Violation v : violations) {
            if (v.severity() == Severity.ERROR && unit.isSubjectOf(v)) {
                return v;
            }
        }
        return null;
    }

    /** Every unit REJECTED by the rules judged before {@code show}; nothing was sent. */
    private PushResult rejectedBeforeShow(String id, List<Unit> units, List<Violation> violations, long started) {
        String key = "scm:" + id;
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (Unit unit : units) {
            List<Violation> errors = violations.stream()
                    .filter(v -> v.severity() == Severity.ERROR && unit.isSubjectOf(v)).toList();
            outcomes.add(conclude(key, id, new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.REJECTED,
                    null, errors.get(0).code(), errors.stream().map(v -> v.code() + ": " + v.message())
                            .collect(Collectors.joining("; ")), null, 0, elapsed(started))));
        }
        PushResult result = new PushResult(key, id, outcomes, new RuleReport(violations), elapsed(started));
        tell("onCompleted", () -> listener.onCompleted(result));
        return result;
    }

    /**
     * The request as far as it is known before {@code show}: its targets, the descriptors (without their
     * providers' rules) and now. The certificate and its history are not known: asking for them throws.
     */
    private static final class UnknownCertificate implements RuleContext {
        private static final RuntimeException NEEDS_SHOW = new IllegalStateException(
                "judged after SCM's show answers", null) {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        private final List<PushTarget> targets;
        private final List<ProviderDescriptor> descriptors;
        private final Instant now;

        UnknownCertificate(List<PushTarget> targets, List<ProviderDescriptor> descriptors, Instant now) {
            this.targets = List.copyOf(targets);
            this.descriptors = List.copyOf(descriptors);
            this.now = now;
        }

        @Override
        public Certificate certificate() {
            throw NEEDS_SHOW;
        }

        @Override
        public List<PushTarget> targets() {
            return targets;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public DuplicatePolicy duplicatePolicy() {
            return DuplicatePolicy.FAIL;
        }

        @Override
        public Optional<ProviderDescriptor> descriptor(String service) {
            return descriptors.stream().filter(d -> d.service().equals(service)).findFirst();
        }

        @Override
        public Optional<TargetInventory> inventory(String service, @Nullable String region) {
            return Optional.empty();
        }

        @Override
        public List<PushRecord> history() {
            throw NEEDS_SHOW;
        }
    }

    /** Every unit FAILED with the error of {@code show}, which left nothing to judge. */
    private PushResult unreadable(String id, List<PushTarget> targets, ScmPushException e, long started) {
        String key = "scm:" + id;
        String requestId = e instanceof CloudServiceException cloud ? cloud.requestId() : null;
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (Unit unit : units(targets)) {
            outcomes.add(conclude(key, id, new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.FAILED, null,
                    e.code(), "Reading SCM certificate " + id + " failed: " + e.getMessage(), requestId, 0,
                    elapsed(started))));
        }
        PushResult result = new PushResult(key, id, outcomes, new RuleReport(List.of()), elapsed(started));
        tell("onCompleted", () -> listener.onCompleted(result));
        return result;
    }

    private TargetOutcome conclude(String key, String name, TargetOutcome outcome) {
        try {
            history.record(PushRecord.of(key, name, outcome, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record " + outcome + " in the push history: "
                    + e.getMessage());
        }
        tell("onOutcome", () -> listener.onOutcome(outcome));
        return outcome;
    }

    private void tell(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "PushListener " + listener.getClass().getName() + "." + method
                    + " threw; ignored", e);
        }
    }

    private static @Nullable PushRecord pushedBefore(List<PushRecord> past, Unit unit) {
        for (PushRecord record : past) {
            if (record.status() == OutcomeStatus.PUSHED && record.service().equals(unit.service())
                    && Objects.equals(record.region(), unit.region())) {
                return record;
            }
        }
        return null;
    }

    private static Violation extra(List<Violation> report, Violation violation) {
        report.add(violation);
        return violation;
    }

    /** The target service's error code at the start of SCM's message, else {@code PUSH_FAILED}. */
    static String codeIn(String message) {
        Matcher m = ERROR_CODE.matcher(message);
        return m.find() ? m.group(1) : OutcomeCodes.PUSH_FAILED;
    }

    /** What SCM can push to when the service's provider is not installed: its scope and region limit. */
    static ProviderDescriptor builtIn(String service) {
        return switch (service) {
            case "cdn" -> ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("CDN").uniqueNames(true)
                    .build();
            default -> ProviderDescriptor.builder(service, Scope.REGIONAL)
                    .displayName(service.toUpperCase(Locale.ROOT)).maxRegions(MAX_REGIONS_PER_CALL)
                    .uniqueNames(service.equals("waf")).build();
        };
    }

    /** One (service, region) per region of a regional target, one with region null otherwise; repeats once. */
    private List<Unit> units(List<PushTarget> targets) {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (PushTarget target : targets) {
            ProviderDescriptor descriptor = installed.apply(target.service()).orElse(
                    TARGET_SERVICES.containsKey(target.service()) ? builtIn(target.service()) : null);
            boolean global = descriptor != null && descriptor.scope() == Scope.GLOBAL;
            if (global || target.regions().isEmpty()) {
                units.putIfAbsent(target.service() + "/", new Unit(target.service(), null));
            } else {
                for (String region : target.regions()) {
                    units.putIfAbsent(target.service() + "/" + region, new Unit(target.service(), region));
                }
            }
        }
        return List.copyOf(units.values());
    }

    private static String where(Unit unit) {
        String service = TARGET_SERVICES.getOrDefault(unit.service(), unit.service());
        return unit.region() == null ? service : service + " in " + unit.region();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One (service, region) of a request. */
    private record Unit(String service, @Nullable String region) {

        boolean isSubjectOf(Violation violation) {
            return violation.service() == null || violation.service().equals(service)
                    && (violation.region() == null || violation.region().equals(region));
        }
    }
}
