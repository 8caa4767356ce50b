package io.scmpush.internal.engine;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.ConfigurationException;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PushHistory;
import io.scmpush.PushListener;
import io.scmpush.PushPlan;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RotationPlan;
import io.scmpush.ScmPushException;
import io.scmpush.TargetOutcome;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.internal.rules.Destination;
import io.scmpush.internal.rules.Duplicates;
import io.scmpush.internal.rules.ImmutableRuleContext;
import io.scmpush.internal.rules.ImmutableRuleContext.InventoryKey;
import io.scmpush.internal.verify.Verifier;
import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.RuleReport;
import io.scmpush.rules.Severity;
import io.scmpush.rules.Violation;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@code ScmPush}: the connected providers, the rules in force, and the threads that
 * read and write targets. Thread-safe.
 *
 * <p>A push expands its targets into units, one per (service, region): a target of a global service,
 * or one that names no region, is one unit with region null. It reads the units' inventories in
 * parallel, evaluates the rules once, and decides each unit: a unit with an ERROR violation is
 * rejected; one whose inventory could not be read fails; one that already holds the certificate under
 * {@link DuplicatePolicy#SKIP} is skipped; every other unit is written, in parallel. At most
 * {@code maxConcurrency} provider calls of this engine run at once, all pushes together.
 */
public final class PushEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.scmpush");
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int CLOSE_GRACE_SECONDS = 10;

    private final Map<String, Connected> providers;
    /** The providers' descriptors by service, immutable: every rule context shares it. */
    private final Map<String, ProviderDescriptor> descriptors;
    /** Evaluates requests; it runs the providers' rules itself, from the descriptors in the context. */
    private final RuleEngine rules;
    private final RuleEngine rulesInForce;
    private final PushHistory history;
    private final Clock clock;
    private final PushListener listener;
    private final ExecutorService executor;
    private final String threadPrefix;
    private final Semaphore permits;
    private final Transport transport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Verifier verifier = new Verifier(Sleeper.SYSTEM);

    private PushEngine(Map<String, Connected> providers, EngineSettings settings, ExecutorService executor,
            String threadPrefix, Transport transport) {
        this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
        Map<String, ProviderDescriptor> descriptors = new TreeMap<>();
        providers.forEach((service, connected) -> descriptors.put(service, connected.descriptor()));
        this.descriptors = Map.copyOf(descriptors);
        this.rules = settings.rules();
        this.rulesInForce = inForce(settings.rules(), this.providers.values());
        this.history = settings.history();
        this.clock = settings.clock();
        this.listener = settings.listener();
        this.executor = executor;
        this.threadPrefix = threadPrefix;
        this.permits = new Semaphore(settings.maxConcurrency());
        this.transport = transport;
    }

    /**
     * Resolves the providers, checks the endpoints and connects every provider.
     *
     * @throws ConfigurationException {@code DUPLICATE_PROVIDER}, {@code INSECURE_ENDPOINT},
     *     {@code NO_CREDENTIALS}, or whatever a provider's {@code connect} refuses with
     */
    public static PushEngine start(EngineSettings settings) {
        Map<String, PushProvider> chosen = ProviderDiscovery.resolve(settings.providers(),
                settings.discoverProviders(), settings.discoveryLoader());
        Endpoints endpoints = new Endpoints(settings.endpoint(), settings.serviceEndpoints(),
                settings.regionEndpoints(), settings.iamEndpoint(), System.getenv());
        String threadPrefix = "scm-push-" + INSTANCES.incrementAndGet() + "-";
        ExecutorService executor = newExecutor(threadPrefix);
        Transport transport = new Transport(settings.credentials(), endpoints, settings.projectIds(),
                settings.httpClient(), settings.retry(), settings.requestTimeout(), settings.clock(), executor);
        Map<String, Connected> connected = new LinkedHashMap<>();
        try {
            for (PushProvider provider : chosen.values()) {
                ProviderDescriptor descriptor = provider.descriptor();
                TargetClient client = connect(provider, descriptor, transport);
                connected.put(descriptor.service(), new Connected(descriptor, client));
            }
            return new PushEngine(connected, settings, executor, threadPrefix, transport);
        } catch (RuntimeException | Error e) {
            connected.values().forEach(c -> closeQuietly(c.client(), c.descriptor()));
            transport.close();
            executor.shutdownNow();
            throw e;
        }
    }

    private static TargetClient connect(PushProvider provider, ProviderDescriptor descriptor, Transport transport) {
        TargetClient client;
        try {
            client = provider.connect(transport.contextFor(provider, descriptor));
        } catch (ScmPushException e) {
            throw e;
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, descriptor.displayName() + " (" + provider.getClass().getName() + ")");
            throw new ConfigurationException(Failure.PROVIDER_ERROR, "Cannot connect: " + failure.message(),
                    Failure.safeToShow(e.getMessage()) ? e : null);
        }
        if (client == null) {
            throw new ConfigurationException(Failure.PROVIDER_ERROR,
                    provider.getClass().getName() + ".connect(...) returned null instead of a TargetClient");
        }
        return client;
    }

    private static ExecutorService newExecutor(String threadPrefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, threadPrefix + count.incrementAndGet());
            thread.setDaemon(true); // a forgotten close() must not keep the JVM alive
            return thread;
        };
        // Unbounded, because the HTTP client hands its own work to these threads while a push waits on
        // it: a bounded pool could fill up with waiting pushes. The semaphore bounds the provider calls.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** The service ids of the connected providers, sorted. */
    public Set<String> services() {
        return Collections.unmodifiableSet(new TreeSet<>(providers.keySet()));
    }

    /**
     * The configured rules with the providers' rules merged in, in evaluation order: a provider rule is
     * appended (by service id, then rule id) unless the configured engine has a rule of its id, which
     * then replaces it, as {@link RuleEngine#evaluate} does.
     */
    public RuleEngine rules() {
        return rulesInForce;
    }

    private static RuleEngine inForce(RuleEngine configured, Iterable<Connected> providers) {
        RuleEngine merged = configured;
        for (Connected provider : providers) {
            for (Map.Entry<String, PushRule> rule : new TreeMap<>(provider.descriptor().rules()).entrySet()) {
                if (!configured.ruleIds().contains(rule.getKey())) {
                    merged = merged.with(rule.getKey(), rule.getValue());
                }
            }
        }
        return merged;
    }

    public PushHistory history() {
        return history;
    }

    // ---- for our modules that build on an engine (io.scmpush.scm), through EngineAccess ----

    /**
     * A context on this engine's transport (credentials, signed HTTP, endpoint overrides) for a client that
     * is not a provider, e.g. the certificate manager's reader; its errors name {@code client}.
     */
    public ProviderContext transportFor(String client) {
        return transport.contextFor(client);
    }

    /** The listener configured on the builder. */
    public PushListener listener() {
        return listener;
    }

    /** The rules' clock. */
    public Clock clock() {
        return clock;
    }

    /** The descriptor of the connected provider of {@code service}. */
    public Optional<ProviderDescriptor> descriptorOf(String service) {
        return descriptor(service);
    }

    /** @throws IllegalStateException when this engine is closed */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This ScmPush is closed; build a new one");
        }
    }

    /**
     * Reads inventories and bound resources and evaluates the rules; writes nothing, records nothing, tells
     * the listener nothing.
     */
    public PushPlan plan(Certificate certificate, List<PushTarget> targets, List<Binding> bindings,
            DuplicatePolicy policy) {
        return evaluate(certificate, targets, bindings, policy).plan();
    }

    /**
     * Reads, evaluates once, writes every allowed unit in parallel, records and reports each outcome, then
     * binds what the writes left in place.
     */
    public PushResult execute(Certificate certificate, List<PushTarget> targets, List<Binding> bindings,
            DuplicatePolicy policy) {
        long started = System.nanoTime();
        Evaluation evaluation = evaluate(certificate, targets, bindings, policy);
        PushPlan plan = evaluation.plan();
        tellListener("onPlanned", () -> listener.onPlanned(plan));

        List<Decision> decisions = evaluation.decisions();
        TargetOutcome[] outcomes = new TargetOutcome[decisions.size()];
        List<Decision> writes = new ArrayList<>(decisions.size());
        for (int i = 0; i < outcomes.length; i++) {
            if (decisions.get(i).kind() == Kind.CREATE) {
                writes.add(decisions.get(i));
            } else {
                outcomes[i] = conclude(certificate, settle(decisions.get(i), started));
            }
        }
        List<TargetOutcome> written =
                inParallel(writes, decision -> conclude(certificate, write(certificate, decision, started)));
        for (int i = 0, w = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) { // a write's place, in order
                outcomes[i] = written.get(w++);
            }
        }
        List<BindingOutcome> bound = bindAll(certificate, evaluation, outcomes);
        PushResult result = new PushResult(certificate.fingerprint(), certificate.name(), List.of(outcomes),
                evaluation.report(), elapsedSince(started), bound);
        tellListener("onCompleted", () -> listener.onCompleted(result));
        return result;
    }

    /** {@link #execute} on this engine's threads. */
    public CompletableFuture<PushResult> executeAsync(Certificate certificate, List<PushTarget> targets,
            List<Binding> bindings, DuplicatePolicy policy) {
        ensureOpen();
        requireTargets(targets, bindings);
        try {
            return CompletableFuture.supplyAsync(() -> execute(certificate, targets, bindings, policy), executor);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("This ScmPush is closed; build a new one", e);
        }
    }

    /** Finds what serves the replaced certificates and judges it; writes nothing. */
    public RotationPlan planRotation(RotationSpec spec) {
        return new Rotation(this).plan(spec);
    }

    /** Finds, pushes, re-points and verifies (DESIGN "Deploying"); see {@link Rotation}. */
    public Rotation.Run rotate(RotationSpec spec) {
        return new Rotation(this).execute(spec);
    }

    /**
     * Runs the checks at once on this engine's threads, outside the provider-call limit (a check mostly
     * waits for a server); results in the order of {@code checks}.
     *
     * @param cap when not null, no check keeps trying longer than this (the caller's deadline)
     */
    public List<VerificationResult> verify(Certificate expected, List<Verification> checks, @Nullable Duration cap) {
        Objects.requireNonNull(expected, "expected");
        ensureOpen();
        String fingerprint = expected.fingerprint();
        if (checks.size() <= 1) {
            return checks.isEmpty() ? List.of() : List.of(verifier.verify(fingerprint, checks.get(0), cap));
        }
        List<Future<VerificationResult>> futures = new ArrayList<>(checks.size());
        try {
            for (Verification check : checks) {
                Objects.requireNonNull(check, "check");
                futures.add(executor.submit(() -> verifier.verify(fingerprint, check, cap)));
            }
            List<VerificationResult> results = new ArrayList<>(checks.size());
            for (Future<VerificationResult> future : futures) {
                results.add(future.get());
            }
            return List.copyOf(results);
        } catch (RejectedExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("This ScmPush was closed during the verification", e);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while verifying");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits up to {@value #CLOSE_GRACE_SECONDS} s for running pushes, then closes every client. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdown();
        // A listener may close us from one of our own threads, which must not wait for itself.
        if (!Thread.currentThread().getName().startsWith(threadPrefix)) {
            try {
                if (!executor.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "Pushes still running " + CLOSE_GRACE_SECONDS
                            + " s after close(); interrupting them");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdownNow();
        providers.values().forEach(c -> closeQuietly(c.client(), c.descriptor()));
        transport.close();
    }

    private Evaluation evaluate(Certificate certificate, List<PushTarget> requested, List<Binding> requestedBindings,
            DuplicatePolicy policy) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(policy, "policy");
        ensureOpen();
        requireTargets(requested, requestedBindings);
        List<Binding> bindings = Bindings.distinct(requestedBindings);
        List<PushTarget> targets = Bindings.withTargets(requested, bindings, this::bindingProvider);
        List<Read> reads = inParallel(units(targets), unit -> read(certificate, unit));

        // What RuleContext.builder() would build, made here from parts that are immutable already, so that
        // nothing is copied: the request's targets, the history's list, the descriptors (fixed per engine).
        RuleContext context = new ImmutableRuleContext(certificate, targets, clock.instant(), policy, descriptors,
                inventories(reads), history.latest(certificate.fingerprint()));
        RuleReport report = rules.evaluate(context);
        List<Decision> decisions = new ArrayList<>(reads.size());
        for (Read read : reads) {
            decisions.add(decide(certificate, policy, read, report));
        }
        List<Bindings.Judged> judged = bindings.isEmpty() ? List.of()
                : inParallel(bindings, binding -> judge(certificate, binding, decisions));
        return new Evaluation(certificate, decisions, report, judged);
    }

    Bindings.@Nullable Provider bindingProvider(String service) {
        Connected connected = providers.get(service);
        return connected == null ? null : new Bindings.Provider(connected.descriptor(), connected.client());
    }

    /**
     * Reads and judges one binding. When its target is not pushed, a binding rule that fires still says why
     * the binding cannot be made (a CDN domain's rejection is often the binding's own fault); otherwise, and
     * when the read fails, the binding is not attempted.
     */
    private Bindings.Judged judge(Certificate certificate, Binding binding, List<Decision> decisions) {
        Bindings.Provider provider = bindingProvider(binding.service());
        Destination destination = Bindings.destination(binding, provider);
        int unit = unitOf(destination, decisions);
        Decision decision = unit < 0 ? null : decisions.get(unit);
        Bindings.Judged judged = Bindings.read(certificate, binding, destination,
                decision == null ? null : decision.unit().target(), provider);
        if (decision != null && !decision.pushes()
                && (judged.refusal() == null || judged.refusal().status() == BindingStatus.FAILED)) {
            return new Bindings.Judged(binding, destination, judged.target(), provider, judged.kind(),
                    judged.resource(), Bindings.notAttempted(binding));
        }
        return judged;
    }

    private static int unitOf(Destination destination, List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            Unit unit = decisions.get(i).unit();
            if (unit.service().equals(destination.service()) && Objects.equals(unit.region(), destination.region())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Binds after the writes: the bindings of one (service, region) one after another, in request order (two
     * may update one resource), those of different ones in parallel. Outcomes in request order.
     */
    private List<BindingOutcome> bindAll(Certificate certificate, Evaluation evaluation, TargetOutcome[] outcomes) {
        List<Bindings.Judged> judged = evaluation.bindings();
        if (judged.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<Integer>> byUnit = new LinkedHashMap<>();
        BindingOutcome[] bound = new BindingOutcome[judged.size()];
        for (int i = 0; i < bound.length; i++) {
            Bindings.Judged binding = judged.get(i);
            int unit = binding.refusal() != null ? -1 : unitOf(binding.destination(), evaluation.decisions());
            if (unit < 0) {
                bound[i] = Objects.requireNonNull(binding.refusal());
            } else {
                byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(i);
            }
        }
        List<Map.Entry<Integer, List<Integer>>> groups = List.copyOf(byUnit.entrySet());
        List<List<BindingOutcome>> done = inParallel(groups, group -> {
            List<BindingOutcome> results = new ArrayList<>(group.getValue().size());
            for (int index : group.getValue()) {
                results.add(Bindings.bind(certificate, judged.get(index), outcomes[group.getKey()]));
            }
            return results;
        });
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> indexes = groups.get(g).getValue();
            for (int j = 0; j < indexes.size(); j++) {
                bound[indexes.get(j)] = done.get(g).get(j);
            }
        }
        return List.of(bound);
    }

    /** The inventories read, by unit: an immutable map, which the rule context keeps without copying it. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    private static Map<InventoryKey, TargetInventory> inventories(List<Read> reads) {
        Map.Entry<InventoryKey, TargetInventory>[] entries = new Map.Entry[reads.size()];
        int count = 0;
        for (Read read : reads) {
            if (read.inventory() != null) { // units are distinct, so are their keys
                entries[count++] = Map.entry(new InventoryKey(read.unit().service(), read.unit().region()),
                        read.inventory());
            }
        }
        return Map.ofEntries(count == entries.length ? entries : Arrays.copyOf(entries, count));
    }

    private static void requireTargets(List<PushTarget> targets, List<Binding> bindings) {
        if (targets.isEmpty() && bindings.isEmpty()) {
            throw new IllegalStateException(
                    "The push has no target: add one with to(...), e.g. "
                    + "to(Waf.inRegions(\"cn-north-4\")), or a binding with bind(...)");
        }
    }

    /** One unit per destination, in request order; a repeat keeps its first target (and DUPLICATE_TARGET). */
    private List<Unit> units(List<PushTarget> targets) {
        if (targets.size() == 1) {
            PushTarget target = targets.get(0);
            List<Destination> destinations = Destination.of(target, this::descriptor);
            if (destinations.size() == 1) {
                Destination only = destinations.get(0);
                return List.of(new Unit(only.service(), only.region(), target));
            }
        }
        Map<Destination, Unit> units = new LinkedHashMap<>();
        for (PushTarget target : targets) {
            for (Destination destination : Destination.of(target, this::descriptor)) {
                units.putIfAbsent(destination, new Unit(destination.service(), destination.region(), target));
            }
        }
        return List.copyOf(units.values());
    }

    Optional<ProviderDescriptor> descriptor(String service) {
        return Optional.ofNullable(providers.get(service)).map(Connected::descriptor);
    }

    private Read read(Certificate certificate, Unit unit) {
        Connected provider = providers.get(unit.service());
        if (provider == null || provider.descriptor().scope() == Scope.REGIONAL && unit.region() == null) {
            return new Read(unit, null, null); // nothing to read: UNKNOWN_SERVICE or REGION_REQUIRED rejects it
        }
        try {
            TargetInventory inventory = provider.client().inventory(certificate, unit.target(), unit.region());
            return new Read(unit, Objects.requireNonNull(inventory, "inventory(...) returned null"), null);
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, provider.descriptor().displayName());
            logFailure("reading the inventory of", unit, failure, e);
            return new Read(unit, null, new Failure(failure.code(),
                    "Reading what the target holds failed: " + failure.message(), failure.requestId(), 0));
        }
    }

    private Decision decide(Certificate certificate, DuplicatePolicy policy, Read read, RuleReport report) {
        Unit unit = read.unit();
        List<Violation> violations = new ArrayList<>();
        boolean rejected = false;
        for (Violation violation : report.violations()) {
            if (unit.isSubjectOf(violation)) {
                violations.add(violation);
                rejected |= isError(violation);
            }
        }
        if (!providers.containsKey(unit.service()) && !rejected) {
            // The engine in force has no UNKNOWN_SERVICE rule; with no client, nothing can be written anyway.
            violations.add(Violation.error("UNKNOWN_SERVICE", unit.service(), unit.region(), "No provider is "
                    + "installed for service '" + unit.service() + "': add the module that provides it"));
            rejected = true;
        }
        if (rejected) {
            return new Decision(unit, Kind.REJECT, violations, null, null);
        }
        if (read.failure() != null) {
            return new Decision(unit, Kind.READ_FAILED, violations, null, read.failure());
        }
        RemoteCertificate present = policy == DuplicatePolicy.SKIP && read.inventory() != null
                ? Duplicates.find(certificate, read.inventory()).orElse(null)
                : null;
        return new Decision(unit, present != null ? Kind.SKIP_PRESENT : Kind.CREATE, violations, present, null);
    }

    /** The outcome of a unit that is not written. */
    private TargetOutcome settle(Decision decision, long started) {
        Unit unit = decision.unit();
        Duration elapsed = elapsedSince(started);
        return switch (decision.kind()) {
            case REJECT -> {
                List<Violation> errors = decision.violations().stream().filter(PushEngine::isError).toList();
                String message = errors.stream().map(v -> v.code() + ": " + v.message())
                        .collect(Collectors.joining("; "));
                yield new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.REJECTED, null,
                        errors.get(0).code(), message, null, 0, elapsed);
            }
            case READ_FAILED -> {
                Failure failure = Objects.requireNonNull(decision.failure());
                yield new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.FAILED, null, failure.code(),
                        failure.message(), failure.requestId(), 0, elapsed);
            }
            case SKIP_PRESENT -> {
                RemoteCertificate present = Objects.requireNonNull(decision.present());
                yield new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.ALREADY_PRESENT, present.id(),
                        "ALREADY_PUSHED", "The target already holds this certificate as '" + present.name()
                                + "'; nothing was written", null, 0, elapsed);
            }
            case CREATE -> throw new IllegalArgumentException("a unit to write has no settled outcome: " + unit);
        };
    }

    private TargetOutcome write(Certificate certificate, Decision decision, long started) {
        Unit unit = decision.unit();
        Connected provider = Objects.requireNonNull(providers.get(unit.service()));
        try {
            Deployment deployment = provider.client().push(certificate, unit.target(), unit.region());
            return new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.PUSHED, deployment.remoteId(), null,
                    "Pushed as '" + deployment.remoteName() + "'", deployment.requestId(), deployment.attempts(),
                    elapsedSince(started));
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, provider.descriptor().displayName());
            logFailure("pushing to", unit, failure, e);
            return new TargetOutcome(unit.service(), unit.region(), OutcomeStatus.FAILED, null, failure.code(),
                    failure.message(), failure.requestId(), failure.attempts(), elapsedSince(started));
        }
    }

    /** Records the outcome and tells the listener; neither may cost the push its result. */
    private TargetOutcome conclude(Certificate certificate, TargetOutcome outcome) {
        try {
            history.record(new PushRecord(certificate.fingerprint(), certificate.name(), outcome.service(),
                    outcome.region(), outcome.status(), outcome.remoteId(), outcome.message(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the outcome " + outcome + " in the push history: "
                    + e.getMessage());
        }
        tellListener("onOutcome", () -> listener.onOutcome(outcome));
        return outcome;
    }

    private void tellListener(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "PushListener " + listener.getClass().getName() + "." + method
                    + " threw; ignored", e);
        }
    }

    private static void logFailure(String doing, Unit unit, Failure failure, RuntimeException e) {
        String what = doing + " " + unit.service() + (unit.region() != null ? " in " + unit.region() : "")
                + " failed: " + failure.code() + " " + failure.message();
        // The stack trace helps with provider bugs; a foreign message that may quote key material stays out.
        boolean withTrace = failure.code().equals(Failure.PROVIDER_ERROR) && Failure.safeToShow(e.getMessage());
        LOG.log(Level.DEBUG, what, withTrace ? e : null);
    }

    /** Runs {@code task} for each item on this engine's threads, {@code maxConcurrency} at most at once; results in order. */
    <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        List<Future<R>> futures = new ArrayList<>(items.size());
        try {
            for (int i = 0; i < items.size(); i++) {
                T item = items.get(i);
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (int i = 0; i < futures.size(); i++) {
                results.add(futures.get(i).get());
            }
            return results;
        } catch (RejectedExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("This ScmPush was closed during the push", e);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while pushing; targets not yet written were not written");
        } catch (ExecutionException e) {
            // Tasks turn every provider exception into an outcome: what arrives here is an Error or an interrupt.
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof InterruptedException) {
                throw new CancellationException("This ScmPush was closed during the push");
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Duration elapsedSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static boolean isError(Violation violation) {
        return violation.severity() == Severity.ERROR;
    }

    private static void closeQuietly(TargetClient client, ProviderDescriptor descriptor) {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing the " + descriptor.displayName() + " client failed: " + e);
        }
    }

    @Override
    public String toString() {
        return "ScmPush[services=" + services() + (closed.get() ? ", closed" : "") + "]";
    }

    /** A connected provider. */
    private record Connected(ProviderDescriptor descriptor, TargetClient client) {}

    /** One (service, region) of a request, with the target that named it. */
    private record Unit(String service, @Nullable String region, PushTarget target) {

        /** DESIGN "How violations become outcomes": no service: every unit; no region: every region of the service. */
        boolean isSubjectOf(Violation violation) {
            return violation.service() == null || violation.service().equals(service)
                    && (violation.region() == null || violation.region().equals(region));
        }
    }

    /** What a unit's inventory read gave: the inventory, a failure, or neither when it was not read. */
    private record Read(Unit unit, @Nullable TargetInventory inventory, @Nullable Failure failure) {}

    private enum Kind { CREATE, SKIP_PRESENT, REJECT, READ_FAILED }

    /**
     * What to do with one unit.
     *
     * @param violations the report's violations that apply to the unit, errors and warnings
     */
    private record Decision(Unit unit, Kind kind, List<Violation> violations, @Nullable RemoteCertificate present,
            @Nullable Failure failure) {

        /** Whether the unit is written, or holds the certificate already: what its bindings need. */
        boolean pushes() {
            return kind == Kind.CREATE || kind == Kind.SKIP_PRESENT;
        }

        PlannedAction planned() {
            return switch (kind) {
                case CREATE -> planned(PlannedAction.Action.CREATE, violations);
                case SKIP_PRESENT -> planned(PlannedAction.Action.SKIP_PRESENT, violations);
                case REJECT -> planned(PlannedAction.Action.REJECT, violations);
                case READ_FAILED -> {
                    // A plan has no FAILED: the unread target is shown as rejected by the failure's code.
                    Failure failure = Objects.requireNonNull(this.failure);
                    List<Violation> all = new ArrayList<>(violations);
                    all.add(Violation.error(failure.code(), unit.service(), unit.region(), failure.message()));
                    yield planned(PlannedAction.Action.REJECT, all);
                }
            };
        }

        private PlannedAction planned(PlannedAction.Action action, List<Violation> violations) {
            return new PlannedAction(unit.service(), unit.region(), action, violations);
        }
    }

    private record Evaluation(Certificate certificate, List<Decision> decisions, RuleReport report,
            List<Bindings.Judged> bindings) {
        PushPlan plan() {
            PlannedAction[] actions = new PlannedAction[decisions.size()];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = decisions.get(i).planned();
            }
            BindingOutcome[] planned = new BindingOutcome[bindings.size()];
            for (int i = 0; i < planned.length; i++) {
                Bindings.Judged judged = bindings.get(i);
                int unit = judged.refusal() != null ? -1 : unitOf(judged.destination(), decisions);
                Decision decision = unit < 0 ? null : decisions.get(unit);
                planned[i] = Bindings.planned(certificate, judged, decision != null && decision.pushes(),
                        decision != null && decision.present() != null ? decision.present().id() : null);
            }
            return new PushPlan(certificate, List.of(actions), report, List.of(planned));
        }
    }
}
