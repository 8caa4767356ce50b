package io.scmpush.internal.engine;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.ConfigurationException;
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
import io.scmpush.RotationPlan;
import io.scmpush.ScmPushException;
import io.scmpush.TargetOutcome;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.internal.http.Redactor;
import io.scmpush.internal.http.PushScope;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.internal.rules.Destination;
import io.scmpush.internal.rules.Duplicates;
import io.scmpush.internal.rules.ImmutableRuleContext;
import io.scmpush.internal.rules.ImmutableRuleContext.InventoryKey;
import io.scmpush.internal.rules.RuleAccess;
import io.scmpush.internal.rules.StandardRules;
import io.scmpush.internal.verify.Verifier;
import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleCodes;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@code ScmPush}: the connected providers, the rules in force, and the threads that
 * read and write targets. Thread-safe.
 *
 * <p>A push expands its targets into units, one per (service, region): a target of a global service,
 * or one that names no region, is one unit with region null. The rules that need no inventory are
 * judged first, and a unit they reject is never read. The other units' inventories are read in parallel;
 * then every rule is evaluated once and each unit decided: a unit with an ERROR violation is rejected;
 * one whose inventory could not be read fails, and so does one that a throwing rule would have judged
 * ({@code RULE_FAILED}); one that already holds the certificate under {@link DuplicatePolicy#SKIP} is
 * skipped; every other unit is written, in parallel.
 *
 * <p>Threads: reads and writes run on {@code maxConcurrency} worker threads shared by every push of the
 * engine; a task waits in their queue, never on a thread of its own, so however many callers push at
 * once the engine holds at most {@code maxConcurrency} workers, one deadline timer, and the transport's
 * timer for slow answers and HTTP client's selector thread ({@link Transport}). A push never blocks a worker while it waits for another
 * step: each step starts the next when it ends. A push started on a worker (a listener that pushes)
 * runs its steps on that worker, which must not wait for the queue it is part of.
 *
 * <p>Within one engine, identical inventory reads in flight at once are made once (same service, region,
 * options and certificate), and writes of one certificate to one (service, region, options) never
 * overlap: a write waits for the one before it, and when that one stored the certificate after this
 * push read the target, this unit is {@code ALREADY_PRESENT} (or, under {@link DuplicatePolicy#FAIL},
 * rejected {@code ALREADY_PUSHED}) instead of writing a second copy.
 *
 * <p>Lifecycle: a push's deadline and cancellation stop every write that has not started ({@link PushScope});
 * {@link #close()} refuses new pushes, waits for running ones, and only then stops the threads, so a push
 * in flight never meets a refused task.
 */
public final class PushEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.scmpush");
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String CANCELLED = PushScope.CANCELLED;
    private static final String TIMEOUT = PushScope.TIMEOUT;
    private static final String RULE_FAILED = OutcomeCodes.RULE_FAILED;
    private static final String OUTCOME_UNKNOWN = OutcomeCodes.OUTCOME_UNKNOWN;
    /** The built-in rules that read no inventory and no history: judged before any I/O. */
    private static final Set<String> NO_IO_RULES = Set.of(StandardRules.CERT_STATUS, StandardRules.MANUAL_CSR,
            StandardRules.PRIVATE_KEY_REQUIRED, StandardRules.REGION_REQUIRED, StandardRules.REGION_LIMIT,
            StandardRules.REGION_NOT_APPLICABLE, StandardRules.CERT_EXPIRED, StandardRules.CERT_NOT_YET_VALID,
            StandardRules.CERT_EXPIRING_SOON, StandardRules.WEAK_KEY, StandardRules.UNKNOWN_SERVICE,
            StandardRules.DUPLICATE_TARGET);

    private final Map<String, Connected> providers;
    /** The providers' descriptors by service, immutable: every rule context shares it. */
    private final Map<String, ProviderDescriptor> descriptors;
    /** Evaluates requests; it runs the providers' rules itself, from the descriptors in the context. */
    private final RuleEngine rules;
    private final RuleEngine rulesInForce;
    private final PushHistory history;
    private final Clock clock;
    private final PushListener listener;
    private final Threads threads;
    private final Duration shutdownTimeout;
    private final Transport transport;
    private final Verifier verifier = new Verifier(Sleeper.SYSTEM);

    /** Guards {@link #closed}, {@link #running} and {@link #releaseWhenIdle}. */
    private final Object lifecycle = new Object();
    private final Set<Push> running = new HashSet<>();
    private boolean closed;
    private boolean releaseWhenIdle;
    private boolean released;

    /** Per (service, region, options, certificate): the read in flight and the order of writes. Guarded by itself. */
    private final Map<SlotKey, Slot> slots = new HashMap<>();

    private PushEngine(Map<String, Connected> providers, EngineSettings settings, Threads threads,
            Transport transport) {
        this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
        Map<String, ProviderDescriptor> descriptors = new TreeMap<>();
        providers.forEach((service, connected) -> descriptors.put(service, connected.descriptor()));
        this.descriptors = Map.copyOf(descriptors);
        this.rules = settings.rules();
        this.rulesInForce = inForce(settings.rules(), this.providers.values());
        this.history = settings.history();
        this.clock = settings.clock();
        this.listener = settings.listener();
        this.threads = threads;
        this.shutdownTimeout = settings.shutdownTimeout();
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
        Threads threads = new Threads("scm-push-" + INSTANCES.incrementAndGet() + "-", settings.maxConcurrency());
        Transport transport = new Transport(settings.credentials(), endpoints, settings.projectIds(),
                settings.httpClient(), settings.retry(), settings.requestTimeout(), settings.clock());
        Map<String, Connected> connected = new LinkedHashMap<>();
        try {
            for (PushProvider provider : chosen.values()) {
                ProviderDescriptor descriptor = provider.descriptor();
                TargetClient client = connect(provider, descriptor, transport);
                connected.put(descriptor.service(), new Connected(descriptor, client));
            }
            return new PushEngine(connected, settings, threads, transport);
        } catch (RuntimeException | Error e) {
            connected.values().forEach(c -> closeQuietly(c.client(), c.descriptor()));
            transport.close();
            threads.stopNow();
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
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This ScmPush is closed; build a new one");
            }
        }
    }

    /**
     * Reads inventories and evaluates the rules; writes nothing, records nothing, tells the listener nothing.
     * An interrupt, or the deadline, ends the reads still running: their units are planned as rejected by
     * {@code CANCELLED} or {@code TIMEOUT}.
     *
     * @param timeout the deadline of the whole call, null for none
     */
    public PushPlan plan(Certificate certificate, List<PushTarget> targets, List<Binding> bindings,
            DuplicatePolicy policy, @Nullable Duration timeout) {
        Push push = begin(certificate, targets, bindings, policy, false, timeout);
        return await(push, push.planned);
    }

    /**
     * Reads, evaluates once, writes every allowed unit in parallel, records and reports each outcome.
     *
     * <p>An interrupt cancels the push as {@link CompletableFuture#cancel} does for {@link #executeAsync}:
     * no write starts after it, the units not written end {@code FAILED CANCELLED}; the writes already
     * started finish and are reported in the returned result, and the interrupt stays set.
     *
     * @param timeout the deadline of the whole call, null for none
     */
    public PushResult execute(Certificate certificate, List<PushTarget> targets, List<Binding> bindings,
            DuplicatePolicy policy, @Nullable Duration timeout) {
        Push push = begin(certificate, targets, bindings, policy, true, timeout);
        return await(push, push.done);
    }

    /**
     * {@link #execute} without blocking the caller. Cancelling the future (with or without interrupt) stops
     * every write that has not started and ends those units {@code FAILED CANCELLED} before {@code cancel}
     * returns; writes already started finish and are recorded and told to the listener.
     */
    public CompletableFuture<PushResult> executeAsync(Certificate certificate, List<PushTarget> targets,
            List<Binding> bindings, DuplicatePolicy policy, @Nullable Duration timeout) {
        return begin(certificate, targets, bindings, policy, true, timeout).done;
    }

    private Push begin(Certificate certificate, List<PushTarget> requested, List<Binding> requestedBindings,
            DuplicatePolicy policy, boolean write, @Nullable Duration timeout) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(policy, "policy");
        requireTargets(requested, requestedBindings);
        List<Binding> bindings = Bindings.distinct(requestedBindings);
        List<PushTarget> targets = Bindings.withTargets(requested, bindings, this::bindingProvider);
        Push push = new Push(certificate, targets, bindings, policy, write, PushScope.within(timeout),
                threads.isWorker());
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This ScmPush is closed; build a new one");
            }
            running.add(push);
        }
        push.start();
        return push;
    }

    /** Waits for {@code result}; an interrupt cancels the push, which then ends with what is true. */
    private static <T> T await(Push push, CompletableFuture<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    push.stop(CANCELLED, "the caller was interrupted");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Finds what serves the replaced certificates and judges it; writes nothing.
     *
     * @param spec the rotation asked for
     * @return what it would do
     */
    public RotationPlan planRotation(RotationSpec spec) {
        return new Rotation(this).plan(spec);
    }

    /**
     * Finds, pushes, re-points and verifies (DESIGN "Deploying"); see {@link Rotation}.
     *
     * @param spec the rotation asked for
     * @return what it did
     */
    public Rotation.Run rotate(RotationSpec spec) {
        return new Rotation(this).execute(spec);
    }

    /**
     * Runs the checks on this engine's workers; results in the order of {@code checks}.
     *
     * @param cap when not null, no check keeps trying longer than this (the caller's deadline)
     */
    public List<VerificationResult> verify(Certificate expected, List<Verification> checks, @Nullable Duration cap) {
        Objects.requireNonNull(expected, "expected");
        ensureOpen();
        String fingerprint = expected.fingerprint();
        for (Verification check : checks) {
            Objects.requireNonNull(check, "check");
        }
        if (checks.size() <= 1) {
            return checks.isEmpty() ? List.of() : List.of(verifier.verify(fingerprint, checks.get(0), cap));
        }
        return List.copyOf(inParallel(checks, check -> verifier.verify(fingerprint, check, cap)));
    }

    /**
     * Runs {@code task} for each item on the workers and waits for them all; results in order. For callers
     * that are not a push (rotation's searches); on a worker it runs them one after another, there.
     *
     * @throws CancellationException when the caller is interrupted (the interrupt stays set)
     * @throws IllegalStateException when the engine was closed meanwhile
     */
    <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        if (threads.isWorker() || items.size() <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(task.apply(item));
            }
            return results;
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                futures.add(threads.workers.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (RejectedExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("This ScmPush was closed meanwhile", e);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
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

    /**
     * Refuses new pushes, lets running ones finish for up to the shutdown timeout, then ends what is left
     * (units not written {@code CANCELLED}, writes in flight {@code OUTCOME_UNKNOWN}), interrupts the
     * threads and closes every client. Idempotent. Called on one of this engine's own threads (a listener),
     * it does not wait for the push it is part of: the engine is released once the last push ends.
     */
    @Override
    public void close() {
        long closeStarted = System.nanoTime();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (threads.isOwn()) {
                if (running.isEmpty()) {
                    releaseLater();
                } else {
                    releaseWhenIdle = true;
                }
                return;
            }
            long deadline = closeStarted + shutdownTimeout.toNanos();
            try {
                for (long left = shutdownTimeout.toNanos(); !running.isEmpty() && left > 0;
                        left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lifecycle, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Push> left;
        synchronized (lifecycle) {
            left = new ArrayList<>(running);
        }
        if (!left.isEmpty()) {
            LOG.log(Level.WARNING, left.size() + " push(es) still running " + shutdownTimeout.toMillis()
                    + " ms after close(); ending them and interrupting their threads");
            left.forEach(Push::abandon);
        } else {
            // Every push has its outcomes; a read or write that outlived its push's deadline may still run.
            threads.awaitWorkers(closeStarted + shutdownTimeout.toNanos() - System.nanoTime());
        }
        release(true);
    }

    /** Releases the engine from a thread of its own, which must not interrupt itself. */
    private void releaseLater() {
        Thread releaser = new Thread(() -> release(false), threads.prefix + "close");
        releaser.setDaemon(true);
        releaser.start();
    }

    private void release(boolean interrupt) {
        synchronized (lifecycle) {
            if (released) {
                return;
            }
            released = true;
        }
        threads.stop(interrupt);
        providers.values().forEach(c -> closeQuietly(c.client(), c.descriptor()));
        transport.close();
    }

    private void ended(Push push) {
        boolean release;
        synchronized (lifecycle) {
            running.remove(push);
            lifecycle.notifyAll();
            release = releaseWhenIdle && running.isEmpty();
        }
        if (release) {
            releaseLater();
        }
    }

    /** The inventories read, by unit: an immutable map, which the rule context keeps without copying it. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    private static Map<InventoryKey, TargetInventory> inventories(List<Unit> units) {
        Map.Entry<InventoryKey, TargetInventory>[] entries = new Map.Entry[units.size()];
        int count = 0;
        for (Unit unit : units) {
            TargetInventory inventory = unit.read != null ? unit.read.inventory() : null;
            if (inventory != null) { // units are distinct, so are their keys
                entries[count++] = Map.entry(new InventoryKey(unit.service, unit.region), inventory);
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
                decision == null ? null : decision.unit().target, provider);
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
            if (unit.service.equals(destination.service()) && Objects.equals(unit.region, destination.region())) {
                return i;
            }
        }
        return -1;
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

    /** Whether {@code rule} is the built-in rule of that id, which needs no I/O. */
    private static boolean needsNoIo(String id, PushRule rule) {
        return NO_IO_RULES.contains(id) && StandardRules.rules().get(id) == rule;
    }

    private Decision decide(Certificate certificate, DuplicatePolicy policy, Unit unit, RuleReport report,
            Map<Unit, Failure> ruleFailures) {
        List<Violation> violations = new ArrayList<>();
        boolean rejected = false;
        for (Violation violation : report.violations()) {
            if (unit.isSubjectOf(violation)) {
                violations.add(violation);
                rejected |= isError(violation);
            }
        }
        if (!providers.containsKey(unit.service) && !rejected) {
            // The engine in force has no UNKNOWN_SERVICE rule; with no client, nothing can be written anyway.
            violations.add(Violation.error(RuleCodes.UNKNOWN_SERVICE, unit.service, unit.region, "No provider is "
                    + "installed for service '" + unit.service + "': add the module that provides it"));
            rejected = true;
        }
        if (rejected) {
            return new Decision(unit, Kind.REJECT, violations, null, null);
        }
        Failure ruleFailure = ruleFailures.get(unit);
        if (ruleFailure != null) {
            return new Decision(unit, Kind.FAILED, violations, null, ruleFailure);
        }
        Read read = Objects.requireNonNull(unit.read);
        if (read.failure() != null) {
            return new Decision(unit, Kind.FAILED, violations, null, read.failure());
        }
        RemoteCertificate present = policy == DuplicatePolicy.SKIP && read.inventory() != null
                ? Duplicates.find(certificate, read.inventory()).orElse(null)
                : null;
        return new Decision(unit, present != null ? Kind.SKIP_PRESENT : Kind.CREATE, violations, present, null);
    }

    /** The outcome of a unit that is not written. */
    private static TargetOutcome settle(Decision decision, long started) {
        Unit unit = decision.unit();
        Duration elapsed = elapsedSince(started);
        return switch (decision.kind()) {
            case REJECT -> {
                List<Violation> errors = decision.violations().stream().filter(PushEngine::isError).toList();
                // The first error's code is the outcome's code: its message does not repeat it; the others name theirs.
                String message = errors.get(0).message() + errors.stream().skip(1)
                        .map(v -> "; " + v.code() + ": " + v.message()).collect(Collectors.joining());
                yield new TargetOutcome(unit.service, unit.region, OutcomeStatus.REJECTED, null,
                        errors.get(0).code(), message, null, 0, elapsed);
            }
            case FAILED -> failed(unit, Objects.requireNonNull(decision.failure()), started);
            case SKIP_PRESENT -> alreadyPresent(unit, Objects.requireNonNull(decision.present()).id(),
                    decision.present().name(), null, 0, started);
            case CREATE -> throw new IllegalArgumentException("a unit to write has no settled outcome: " + unit);
        };
    }

    private static TargetOutcome failed(Unit unit, Failure failure, long started) {
        return new TargetOutcome(unit.service, unit.region, OutcomeStatus.FAILED, null, failure.code(),
                failure.message(), failure.requestId(), failure.attempts(), elapsedSince(started));
    }

    private static TargetOutcome alreadyPresent(Unit unit, String remoteId, String remoteName,
            @Nullable String requestId, int attempts, long started) {
        return new TargetOutcome(unit.service, unit.region, OutcomeStatus.ALREADY_PRESENT, remoteId,
                StandardRules.ALREADY_PUSHED, "The target already holds this certificate as '" + remoteName
                        + "'; nothing was written", requestId, attempts, elapsedSince(started));
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
        String what = doing + " " + unit.service + (unit.region != null ? " in " + unit.region : "")
                + " failed: " + failure.code() + " " + failure.message();
        // The stack trace helps with provider bugs; a foreign message that may quote key material stays out.
        boolean withTrace = failure.code().equals(Failure.PROVIDER_ERROR) && Failure.safeToShow(e.getMessage());
        LOG.log(Level.DEBUG, what, withTrace ? e : null);
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
        boolean isClosed;
        synchronized (lifecycle) {
            isClosed = closed;
        }
        return "ScmPush[services=" + services() + (isClosed ? ", closed" : "") + "]";
    }

    /**
     * One call of plan, execute or executeAsync: its units and how far each got. Every step starts the
     * next when it ends: the last read evaluates the rules and queues the writes; the last outcome
     * finishes the push. State is guarded by the push itself; providers, the history and the listener are
     * never called while holding it.
     */
    private final class Push {
        final Certificate certificate;
        final List<PushTarget> targets;
        final List<Binding> bindings;
        final DuplicatePolicy policy;
        final boolean write;
        final PushScope scope;
        /** Started on a worker of this engine: its tasks run on that thread, not through the queue. */
        final boolean inline;
        final long started = System.nanoTime();
        final Instant now;
        final List<Unit> units;
        final CompletableFuture<PushPlan> planned = new CompletableFuture<>();
        final PushFuture done = new PushFuture(this);

        // guarded by this
        private int readsPending;
        private boolean evaluating;
        private boolean decided;
        private int open;
        private boolean finished;
        private @Nullable String stopped;
        private @Nullable String stopReason;
        /** What ends the push exceptionally once every unit has its outcome: an Error, or a failure of our own. */
        private @Nullable Throwable error;
        private @Nullable RuleReport report;
        private @Nullable ScheduledFuture<?> deadline;
        /** Set once by the evaluation: the units' decisions and the bindings as judged. */
        private List<Decision> decisions = List.of();
        private List<Bindings.Judged> judged = List.of();

        Push(Certificate certificate, List<PushTarget> targets, List<Binding> bindings, DuplicatePolicy policy,
                boolean write, PushScope scope, boolean inline) {
            this.certificate = certificate;
            this.targets = targets;
            this.bindings = bindings;
            this.policy = policy;
            this.write = write;
            this.scope = scope;
            this.inline = inline;
            this.now = clock.instant();
            this.units = units(targets);
            this.open = units.size();
        }

        /** Judges what needs no I/O, then reads what is left (or evaluates at once when nothing is). */
        void start() {
            RuleContext noInventory = new ImmutableRuleContext(certificate, targets, now, policy, descriptors,
                    Map.of(), List.of());
            RuleReport early = RuleAccess.evaluate(rules, noInventory, PushEngine::needsNoIo, (id, r, s, e) -> { });
            List<Unit> toRead = new ArrayList<>(units.size());
            for (Unit unit : units) {
                Connected provider = providers.get(unit.service);
                boolean rejected = early.violations().stream().anyMatch(v -> isError(v) && unit.isSubjectOf(v));
                if (rejected || provider == null
                        || provider.descriptor().scope() == Scope.REGIONAL && unit.region == null) {
                    unit.read = new Read(null, null); // nothing to read: a rule rejects it
                } else {
                    toRead.add(unit);
                }
            }
            synchronized (this) {
                readsPending = toRead.size();
                if (scope.hasDeadline()) {
                    long left = scope.deadlineNanos() - System.nanoTime();
                    deadline = threads.timer.schedule(() -> stop(TIMEOUT, "the push's deadline passed"),
                            Math.max(0, left), TimeUnit.NANOSECONDS);
                }
            }
            for (Unit unit : toRead) {
                read(unit);
            }
            if (toRead.isEmpty()) {
                evaluateOnce();
            }
        }

        /** Joins an identical read in flight, or starts one. */
        private void read(Unit unit) {
            SlotKey key = SlotKey.of(unit, certificate);
            SharedRead shared;
            boolean mine = false;
            synchronized (slots) {
                Slot slot = slots.computeIfAbsent(key, Slot::new);
                slot.users++;
                unit.slot = slot;
                shared = slot.reading;
                // Join only a read that runs at least as long as this push may wait for it.
                if (shared == null || inline || !shared.outlasts(scope)) {
                    shared = new SharedRead(slot, scope, slot.version);
                    slot.reading = shared;
                    mine = true;
                }
                unit.seenVersion = shared.version;
            }
            shared.inventory.whenComplete((inventory, thrown) -> readEnded(unit, inventory, thrown));
            if (mine) {
                SharedRead owned = shared;
                submit(() -> readNow(unit, owned), () -> {
                    clearReading(owned);
                    owned.inventory.completeExceptionally(PushScope.notSent(CANCELLED, "reading "
                            + unit + ": the ScmPush was closed", 0));
                });
            }
        }

        private void readNow(Unit unit, SharedRead shared) {
            Connected provider = Objects.requireNonNull(providers.get(unit.service));
            TargetInventory inventory = null;
            Throwable thrown = null;
            try {
                inventory = shared.scope.run(() -> provider.client().inventory(certificate, unit.target, unit.region));
                Objects.requireNonNull(inventory, "inventory(...) returned null");
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
            clearReading(shared);
            if (thrown != null) {
                shared.inventory.completeExceptionally(thrown);
            } else {
                shared.inventory.complete(inventory);
            }
        }

        private void readEnded(Unit unit, @Nullable TargetInventory inventory, @Nullable Throwable thrown) {
            Read read;
            if (thrown == null) {
                read = new Read(inventory, null);
            } else if (thrown instanceof RuntimeException e) {
                String displayName = Objects.requireNonNull(providers.get(unit.service)).descriptor().displayName();
                Failure failure = Failure.of(e, displayName).scrubbed(redactor());
                logFailure("reading the inventory of", unit, failure, e);
                read = new Read(null, new Failure(failure.code(),
                        "Reading what the target holds failed: " + failure.message(), failure.requestId(), 0));
            } else {
                crashed(thrown);
                read = new Read(null, new Failure(Failure.PROVIDER_ERROR, "Reading what the target holds failed: "
                        + thrown.getClass().getName(), null, 0));
            }
            boolean last;
            synchronized (this) {
                if (unit.read != null) {
                    return; // the push stopped first
                }
                unit.read = read;
                last = --readsPending == 0;
            }
            if (last) {
                evaluateOnce();
            }
        }

        private void evaluateOnce() {
            synchronized (this) {
                if (evaluating) {
                    return;
                }
                evaluating = true;
            }
            try {
                evaluate();
            } catch (RuntimeException | Error e) {
                // The history could not be read, a bug, an Error: end the push with it, never leave it waiting.
                crashed(e);
                abandon();
            }
        }

        /** Evaluates every rule once, decides each unit, settles what is not written and queues the writes. */
        private void evaluate() {
            RuleContext context = new ImmutableRuleContext(certificate, targets, now, policy, descriptors,
                    inventories(units), () -> history.latest(certificate.fingerprint()));
            Map<Unit, Failure> ruleFailures = new HashMap<>();
            List<Violation> foundAlone = new ArrayList<>();
            RuleReport evaluated = RuleAccess.evaluate(rules, context, (id, rule) -> true,
                    (id, rule, service, e) -> judgedByFailedRule(id, rule, service, e, ruleFailures, foundAlone));
            if (!foundAlone.isEmpty()) {
                List<Violation> all = new ArrayList<>(evaluated.violations());
                all.addAll(foundAlone);
                evaluated = new RuleReport(all);
            }
            List<Decision> decisions = new ArrayList<>(units.size());
            for (Unit unit : units) {
                decisions.add(decide(certificate, policy, unit, evaluated, ruleFailures));
            }
            List<Bindings.Judged> judgedBindings = new ArrayList<>(bindings.size());
            for (Binding binding : bindings) { // reads: bounded by the push's deadline like the inventories
                judgedBindings.add(scope.run(() -> judge(certificate, binding, decisions)));
            }
            PushPlan plan = plan(decisions, evaluated, judgedBindings);
            synchronized (this) {
                report = evaluated;
                this.decisions = List.copyOf(decisions);
                this.judged = List.copyOf(judgedBindings);
            }
            if (!write) {
                synchronized (this) {
                    finished = true;
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                }
                releaseSlots();
                planned.complete(plan);
                ended(this);
                return;
            }
            tell("onPlanned", () -> listener.onPlanned(plan));
            Unit writeHere = null;
            for (Decision decision : decisions) {
                Unit unit = decision.unit();
                if (decision.kind() != Kind.CREATE) {
                    conclude(unit, settle(decision, started));
                    continue;
                }
                String stoppedBy;
                synchronized (this) {
                    stoppedBy = stopped;
                }
                if (stoppedBy != null) {
                    conclude(unit, notWritten(unit, stoppedBy));
                } else if (writeHere == null && threads.isWorker()) {
                    writeHere = unit;
                } else {
                    queueWrite(unit, false);
                }
            }
            boolean finish;
            synchronized (this) {
                decided = true;
                finish = open == 0 && !finished;
                finished |= finish;
            }
            if (finish) {
                finish();
            }
            if (writeHere != null) {
                // The worker that read last has nothing else to do for this push: it writes the first unit
                // itself, after queueing the others, rather than wake another worker for it (one thread
                // hand-off less per push; with one worker the writes still go in request order). Decided
                // first, so that a cancel or the deadline meanwhile ends the queued units at once.
                queueWrite(writeHere, true);
            }
        }

        /**
         * A rule threw: evaluated again on each unit it may judge alone (the units of its provider, or every
         * unit), it fails those where it throws again; what it finds on the others is added to the report.
         */
        private void judgedByFailedRule(String id, PushRule rule, @Nullable String service, RuntimeException e,
                Map<Unit, Failure> failures, List<Violation> foundAlone) {
            LOG.log(Level.WARNING, "Rule " + id + " threw " + e.getClass().getName(), e);
            for (Unit unit : units) {
                if (service != null && !service.equals(unit.service)) {
                    continue;
                }
                PushTarget alone = new PushTarget(unit.target.service(),
                        unit.region == null ? List.of() : List.of(unit.region), unit.target.options());
                TargetInventory inventory = unit.read != null ? unit.read.inventory() : null;
                RuleContext one = new ImmutableRuleContext(certificate, List.of(alone), now, policy, descriptors,
                        inventory == null ? Map.of() : Map.of(new InventoryKey(unit.service, unit.region), inventory),
                        () -> history.latest(certificate.fingerprint()));
                try {
                    List<Violation> found = rule.check(one);
                    if (found == null) {
                        throw new NullPointerException("rule " + id + " returned null instead of a list");
                    }
                    // Only what concerns this unit: the others are judged on their own.
                    for (Violation v : found) {
                        if (v == null) {
                            throw new NullPointerException("rule " + id + " returned a null violation");
                        }
                        Violation attributed = v.service() != null || service == null ? v
                                : new Violation(v.code(), v.severity(), service, v.region(), v.message());
                        if (unit.isSubjectOf(attributed) && !foundAlone.contains(attributed)) {
                            foundAlone.add(attributed);
                        }
                    }
                } catch (RuntimeException again) {
                    failures.put(unit, new Failure(RULE_FAILED, "Rule " + id + " threw " + again.getClass().getName()
                            + (Failure.safeToShow(again.getMessage()) && again.getMessage() != null
                                    ? ": " + again.getMessage() : "")
                            + "; this target was not written", null, 0));
                }
            }
        }

        private PushPlan plan(List<Decision> decisions, RuleReport report, List<Bindings.Judged> judgedBindings) {
            PlannedAction[] actions = new PlannedAction[decisions.size()];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = decisions.get(i).planned();
            }
            BindingOutcome[] planned = new BindingOutcome[judgedBindings.size()];
            for (int i = 0; i < planned.length; i++) {
                Bindings.Judged binding = judgedBindings.get(i);
                int unit = binding.refusal() != null ? -1 : unitOf(binding.destination(), decisions);
                Decision decision = unit < 0 ? null : decisions.get(unit);
                planned[i] = Bindings.planned(certificate, binding, decision != null && decision.pushes(),
                        decision != null && decision.present() != null ? decision.present().id() : null);
            }
            return new PushPlan(certificate, List.of(actions), report, List.of(planned));
        }

        /**
         * Binds after every write ended, one binding after another in request order, each with its target's
         * outcome; under the push's scope, so no binding write starts after a cancel or the deadline.
         */
        private List<BindingOutcome> bindAll(TargetOutcome[] outcomes, List<Decision> decided,
                List<Bindings.Judged> judgedBindings) {
            if (judgedBindings.isEmpty()) {
                return List.of();
            }
            String stoppedBy;
            synchronized (this) {
                stoppedBy = stopped;
            }
            BindingOutcome[] bound = new BindingOutcome[judgedBindings.size()];
            for (int i = 0; i < bound.length; i++) {
                Bindings.Judged binding = judgedBindings.get(i);
                int unit = binding.refusal() != null ? -1 : unitOf(binding.destination(), decided);
                if (unit < 0) {
                    bound[i] = Objects.requireNonNull(binding.refusal());
                } else if (stoppedBy != null) { // a binding is a write: none starts once the push stopped
                    bound[i] = new BindingOutcome(binding.binding(), BindingStatus.FAILED, null, null, stoppedBy,
                            "Not bound: " + (TIMEOUT.equals(stoppedBy) ? "the push's deadline passed"
                                    : "the push was cancelled (" + stopReason() + ")"), null);
                } else {
                    bound[i] = scope.run(() -> Bindings.bind(certificate, binding, outcomes[unit]));
                }
            }
            Redactor redactor = redactor(); // ids and messages the services gave, as for outcomes
            for (int i = 0; i < bound.length; i++) {
                bound[i] = redactor.scrub(bound[i]);
            }
            return List.of(bound);
        }

        /**
         * Writes of one certificate to one place go one at a time, in the order they were decided. A write
         * {@code here} runs on the current worker when its place is free, else it waits its turn like the others.
         */
        private void queueWrite(Unit unit, boolean here) {
            Slot slot = slotToWrite(unit);
            Runnable start = () -> submit(() -> writeNow(unit, slot), () -> {
                conclude(unit, notWritten(unit, CANCELLED));
                writeEnded(slot, null);
            });
            synchronized (slots) {
                if (slot.writing) {
                    slot.waiting.add(start);
                    return;
                }
                slot.writing = true;
            }
            if (here) {
                writeNow(unit, slot);
            } else {
                start.run();
            }
        }

        /** The unit's slot; one taken now for a unit that was not read (a rule that would reject it is off). */
        private Slot slotToWrite(Unit unit) {
            synchronized (slots) {
                if (unit.slot == null) {
                    Slot slot = slots.computeIfAbsent(SlotKey.of(unit, certificate), Slot::new);
                    slot.users++;
                    unit.slot = slot;
                    unit.seenVersion = slot.version;
                }
                return unit.slot;
            }
        }

        private void writeNow(Unit unit, Slot slot) {
            Deployment stored = null;
            TargetOutcome written;
            try {
                String stoppedBy;
                synchronized (this) {
                    stoppedBy = unit.outcome != null ? "" : stopped;
                    unit.writing = stoppedBy == null;
                }
                if (stoppedBy != null) {
                    if (!stoppedBy.isEmpty()) {
                        conclude(unit, notWritten(unit, stoppedBy));
                    }
                    return;
                }
                Deployment before;
                synchronized (slots) {
                    before = slot.version != unit.seenVersion ? slot.last : null;
                }
                if (before != null) {
                    conclude(unit, writtenMeanwhile(unit, before));
                    return;
                }
                TargetOutcome outcome;
                Connected provider = Objects.requireNonNull(providers.get(unit.service));
                try {
                    TargetInventory read = unit.read != null ? unit.read.inventory() : null;
                    Deployment deployment = scope.run(() -> read != null
                            ? provider.client().push(certificate, unit.target, unit.region, read)
                            : provider.client().push(certificate, unit.target, unit.region));
                    Objects.requireNonNull(deployment, "push(...) returned null");
                    stored = deployment; // found or made, it is there now: the next write of it waits and sees it
                    outcome = deployment.alreadyPresent() ? foundAtWrite(unit, deployment)
                            : new TargetOutcome(unit.service, unit.region, OutcomeStatus.PUSHED,
                                    deployment.remoteId(), null, "Pushed as '" + deployment.remoteName() + "'",
                                    deployment.requestId(), deployment.attempts(), elapsedSince(started));
                } catch (RuntimeException e) {
                    Failure failure = Failure.of(e, provider.descriptor().displayName()).scrubbed(redactor());
                    logFailure("pushing to", unit, failure, e);
                    outcome = failed(unit, failure, started);
                } catch (Error e) {
                    crashed(e);
                    outcome = failed(unit, new Failure(OUTCOME_UNKNOWN, provider.descriptor().displayName()
                            + " threw " + e.getClass().getName() + " while writing", null, 0), started);
                }
                written = outcome;
            } finally {
                writeEnded(slot, stored);
            }
            // Concluded after the slot has counted the write: a caller who has this result and pushes again
            // must not see it as another push's write "while this one ran".
            conclude(unit, written);
        }

        /** Passes the slot to the next write waiting for it; a stored certificate is what that one will see. */
        private void writeEnded(Slot slot, @Nullable Deployment stored) {
            Runnable next;
            synchronized (slots) {
                if (stored != null) {
                    slot.version++;
                    slot.last = stored;
                }
                next = slot.waiting.poll();
                slot.writing = next != null;
                removeIfIdle(slot);
            }
            if (next != null) {
                next.run();
            }
        }

        /** Another push of this engine stored the certificate there after this one read the target. */
        private TargetOutcome writtenMeanwhile(Unit unit, Deployment stored) {
            return present(unit, stored, "another push of this ScmPush stored this certificate there as '"
                    + stored.remoteName() + "' (" + stored.remoteId() + ") while this one ran", null, 0);
        }

        /** The provider found the same certificate where it tried to store it (e.g. WAF: the name was taken by it). */
        private TargetOutcome foundAtWrite(Unit unit, Deployment found) {
            return present(unit, found, "the target already held this certificate as '" + found.remoteName() + "' ("
                    + found.remoteId() + ") when it was written", found.requestId(), found.attempts());
        }

        /** ALREADY_PRESENT under SKIP; under FAIL, rejected as the ALREADY_PUSHED rule would have. */
        private TargetOutcome present(Unit unit, Deployment found, String what, @Nullable String requestId,
                int attempts) {
            if (policy == DuplicatePolicy.SKIP) {
                return alreadyPresent(unit, found.remoteId(), found.remoteName(), requestId, attempts, started);
            }
            return new TargetOutcome(unit.service, unit.region, OutcomeStatus.REJECTED, null,
                    StandardRules.ALREADY_PUSHED, StandardRules.ALREADY_PUSHED + ": " + what
                            + "; onDuplicate(SKIP) accepts it", requestId, attempts, elapsedSince(started));
        }

        private TargetOutcome notWritten(Unit unit, String code) {
            String why = TIMEOUT.equals(code) ? "the push's deadline passed before it was written"
                    : "the push was cancelled before it was written (" + stopReason() + ")";
            return failed(unit, new Failure(code, "Not written: " + why, null, 0), started);
        }

        private synchronized String stopReason() {
            return stopReason != null ? stopReason : "cancelled";
        }

        /** Runs {@code task} on a worker (inline for a push started on one), else {@code refused}. */
        private void submit(Runnable task, Runnable refused) {
            if (inline) {
                task.run();
                return;
            }
            try {
                threads.workers.execute(task);
            } catch (RejectedExecutionException e) { // only once close() gave up on this push
                refused.run();
            }
        }

        /**
         * Stops the push: no write starts after this returns. Before the rules ran, the reads still running
         * end with {@code code} and the rules run at once; after, every unit not being written ends with
         * {@code code} (on a deadline, every unfinished unit).
         */
        void stop(String code, String reason) {
            boolean evaluateNow = false;
            List<Unit> toEnd = new ArrayList<>();
            synchronized (this) {
                if (finished) {
                    return;
                }
                if (stopped == null) {
                    stopped = code;
                    stopReason = reason;
                }
                scope.stopWrites(code); // before any unit is judged: from here on no write starts
                if (!evaluating) {
                    for (Unit unit : units) {
                        if (unit.read == null) {
                            unit.read = new Read(null, new Failure(code, "Not read: " + (TIMEOUT.equals(code)
                                    ? "the push's deadline passed first" : "the push was cancelled first ("
                                    + reason + ")"), null, 0));
                        }
                    }
                    readsPending = 0;
                    evaluateNow = true;
                } else if (decided) {
                    for (Unit unit : units) {
                        if (unit.outcome == null && (!unit.writing || TIMEOUT.equals(code))) {
                            toEnd.add(unit);
                        }
                    }
                }
            }
            if (evaluateNow) {
                evaluateOnce();
            }
            for (Unit unit : toEnd) {
                conclude(unit, unit.writing ? writeOutstanding(unit, code) : notWritten(unit, code));
            }
        }

        /** A unit whose write was under way when the push ended: it may or may not have been stored. */
        private TargetOutcome writeOutstanding(Unit unit, String code) {
            String why = TIMEOUT.equals(code) ? "the push's deadline passed" : "the ScmPush was closed";
            return failed(unit, new Failure(code, "The write was under way when " + why + "; the target may or may "
                    + "not hold the certificate: check it, or push again with onDuplicate(SKIP)", null, 0), started);
        }

        /** close() gave up waiting: ends every unit now, a write under way as {@code OUTCOME_UNKNOWN}. */
        void abandon() {
            stop(CANCELLED, "the ScmPush was closed");
            List<Unit> toEnd = new ArrayList<>();
            synchronized (this) {
                for (Unit unit : units) {
                    if (unit.outcome == null) {
                        toEnd.add(unit);
                    }
                }
                decided = true; // an evaluation that never ends must not keep the push open
            }
            for (Unit unit : toEnd) {
                conclude(unit, unit.writing ? writeOutstanding(unit, OUTCOME_UNKNOWN) : notWritten(unit, CANCELLED));
            }
            boolean finish;
            synchronized (this) {
                finish = !finished && (open == 0 || !write);
                finished |= finish;
            }
            if (finish) {
                if (!write) {
                    planned.completeExceptionally(new java.util.concurrent.CancellationException(
                            "The ScmPush was closed before the plan was made"));
                    releaseSlots();
                    ended(this);
                } else {
                    finish();
                }
            }
        }

        /** Tells the listener; an Error it throws ends the push with that Error, once every outcome is in. */
        private void tell(String method, Runnable call) {
            try {
                tellListener(method, call);
            } catch (Error e) {
                crashed(e);
            }
        }

        /** Scrubs the credentials' secrets and this push's key from what services said. */
        private Redactor redactor() {
            return transport.redactor().withKey(certificate.privateKeyPem().orElse(null));
        }

        private void crashed(Throwable e) {
            synchronized (this) {
                if (error == null) {
                    error = e;
                }
            }
        }

        /** Records the unit's outcome (once) and tells the listener; the last one finishes the push. */
        private void conclude(Unit unit, TargetOutcome unscrubbed) {
            // A service may echo a secret or the key as an id, a code, a message: none of them leaves scrubbed.
            TargetOutcome outcome = redactor().scrub(unscrubbed);
            synchronized (this) {
                if (unit.outcome != null) {
                    return;
                }
                unit.outcome = outcome;
            }
            try {
                history.record(PushRecord.of(certificate.fingerprint(), certificate.name(), outcome, Instant.now()));
            } catch (Error e) {
                crashed(e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record the outcome " + outcome + " in the push history: "
                        + e.getMessage());
            }
            tell("onOutcome", () -> listener.onOutcome(outcome));
            releaseSlot(unit);
            boolean finish;
            synchronized (this) {
                open--;
                finish = open == 0 && decided && !finished;
                finished |= finish;
            }
            if (finish) {
                finish();
            }
        }

        private void finish() {
            TargetOutcome[] outcomes = new TargetOutcome[units.size()];
            RuleReport evaluated;
            List<Decision> decided;
            List<Bindings.Judged> judgedBindings;
            synchronized (this) {
                for (int i = 0; i < outcomes.length; i++) {
                    outcomes[i] = Objects.requireNonNull(units.get(i).outcome);
                }
                evaluated = report != null ? report : new RuleReport(List.of());
                decided = decisions;
                judgedBindings = judged;
            }
            List<BindingOutcome> bound;
            try {
                bound = bindAll(outcomes, decided, judgedBindings);
            } catch (RuntimeException | Error e) {
                crashed(e);
                bound = List.of();
            }
            Throwable thrown;
            synchronized (this) {
                thrown = error;
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
            PushResult result = new PushResult(certificate.fingerprint(), certificate.name(), List.of(outcomes),
                    evaluated, elapsedSince(started), bound);
            tell("onCompleted", () -> listener.onCompleted(result));
            if (thrown != null) {
                done.completeExceptionally(thrown);
            } else {
                done.complete(result);
            }
            ended(this); // last: close() waits for it, and then the future is done
        }

        private void releaseSlots() {
            for (Unit unit : units) {
                releaseSlot(unit);
            }
        }

        private void releaseSlot(Unit unit) {
            synchronized (slots) {
                Slot slot = unit.slot;
                if (slot != null) {
                    unit.slot = null;
                    slot.users--;
                    removeIfIdle(slot);
                }
            }
        }
    }

    /** Forgets a shared read once it ended: a later push reads afresh. */
    private void clearReading(SharedRead shared) {
        synchronized (slots) {
            if (shared.slot.reading == shared) {
                shared.slot.reading = null;
                removeIfIdle(shared.slot);
            }
        }
    }

    /** Drops a slot nothing uses any more; called holding the slot map. */
    private void removeIfIdle(Slot slot) {
        if (slot.users == 0 && !slot.writing && slot.reading == null && slot.waiting.isEmpty()) {
            slots.remove(slot.key, slot);
        }
    }

    /**
     * The future of {@link #executeAsync}: cancelling it stops the push (see {@link Push#stop}) before
     * {@code cancel} returns. Dependent stages are plain futures, whose cancellation stops nothing.
     */
    private static final class PushFuture extends CompletableFuture<PushResult> {
        private final Push push;

        PushFuture(Push push) {
            this.push = push;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                push.stop(CANCELLED, "its future was cancelled");
            }
            return cancelled;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }

    /** The engine's threads: the workers and the deadline timer. */
    private static final class Threads {
        final String prefix;
        final ThreadPoolExecutor workers;
        final ScheduledThreadPoolExecutor timer;
        /** 1 on a worker, 2 on another thread of this engine, null elsewhere. */
        private final ThreadLocal<@Nullable Integer> kind = new ThreadLocal<>();

        Threads(String prefix, int maxConcurrency) {
            this.prefix = prefix;
            this.workers = pool(maxConcurrency, "worker-", true);
            this.timer = new ScheduledThreadPoolExecutor(1, factory("deadline", false));
            timer.setRemoveOnCancelPolicy(true);
            timer.setKeepAliveTime(30, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
        }

        private ThreadPoolExecutor pool(int size, String name, boolean isWorker) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory(name, isWorker));
            pool.allowCoreThreadTimeOut(true); // an idle engine holds no thread
            return pool;
        }

        private ThreadFactory factory(String name, boolean isWorker) {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Runnable marked = () -> {
                    kind.set(isWorker ? 1 : 2);
                    task.run();
                };
                Thread thread = new Thread(marked, prefix + name + count.incrementAndGet());
                thread.setDaemon(true); // a forgotten close() must not keep the JVM alive
                return thread;
            };
        }

        /** Whether the current thread is one of the workers. */
        boolean isWorker() {
            Integer k = kind.get();
            return k != null && k == 1;
        }

        /** Whether the current thread is one of this engine's. */
        boolean isOwn() {
            return kind.get() != null;
        }

        /** Lets the workers finish the tasks they have, for up to {@code nanos}. */
        void awaitWorkers(long nanos) {
            workers.shutdown(); // every push has ended: nothing more is submitted
            try {
                workers.awaitTermination(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop(boolean interrupt) {
            if (interrupt) {
                stopNow();
            } else {
                workers.shutdown();
                timer.shutdown();
            }
        }

        void stopNow() {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    /** A connected provider. */
    private record Connected(ProviderDescriptor descriptor, TargetClient client) {}

    /** One (service, region) of a request, with the target that named it; its progress is guarded by its push. */
    private static final class Unit {
        final String service;
        final @Nullable String region;
        final PushTarget target;
        @Nullable Read read;
        @Nullable Slot slot;
        long seenVersion;
        boolean writing;
        @Nullable TargetOutcome outcome;

        Unit(String service, @Nullable String region, PushTarget target) {
            this.service = service;
            this.region = region;
            this.target = target;
        }

        /** DESIGN "How violations become outcomes": no service: every unit; no region: every region of the service. */
        boolean isSubjectOf(Violation violation) {
            return violation.service() == null || violation.service().equals(service)
                    && (violation.region() == null || violation.region().equals(region));
        }

        @Override
        public String toString() {
            return service + (region != null ? "/" + region : "");
        }
    }

    /** Where reads are shared and writes ordered: a target's place and options, and the certificate. */
    private record SlotKey(String service, @Nullable String region, Map<String, String> options, String fingerprint,
            String name) {

        static SlotKey of(Unit unit, Certificate certificate) {
            return new SlotKey(unit.service, unit.region, unit.target.options(), certificate.fingerprint(),
                    certificate.name());
        }
    }

    /** The state of one {@link SlotKey}, guarded by the engine's slot map. */
    private static final class Slot {
        final SlotKey key;
        /** Units of running pushes that read or write here; the slot goes when none is left. */
        int users;
        @Nullable SharedRead reading;
        /** How many writes stored the certificate here, and the latest. */
        long version;
        @Nullable Deployment last;
        boolean writing;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        Slot(SlotKey key) {
            this.key = key;
        }
    }

    /** An inventory read in flight, shared by the units that need the same one. */
    private static final class SharedRead {
        final Slot slot;
        final PushScope scope;
        /** The slot's version when the read started: a write counted after it is not in the inventory. */
        final long version;
        final CompletableFuture<TargetInventory> inventory = new CompletableFuture<>();

        SharedRead(Slot slot, PushScope scope, long version) {
            this.slot = slot;
            this.scope = scope;
            this.version = version;
        }

        /** Whether this read's deadline is no earlier than {@code other}'s. */
        boolean outlasts(PushScope other) {
            return !scope.hasDeadline() || other.hasDeadline() && scope.deadlineNanos() - other.deadlineNanos() >= 0;
        }
    }

    /** What a unit's inventory read gave: the inventory, a failure, or neither when it was not read. */
    private record Read(@Nullable TargetInventory inventory, @Nullable Failure failure) {}

    private enum Kind { CREATE, SKIP_PRESENT, REJECT, FAILED }

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
                case FAILED -> {
                    // A plan has no FAILED: the unread target is shown as rejected by the failure's code.
                    Failure failure = Objects.requireNonNull(this.failure);
                    List<Violation> all = new ArrayList<>(violations);
                    all.add(Violation.error(failure.code(), unit.service, unit.region, failure.message()));
                    yield planned(PlannedAction.Action.REJECT, all);
                }
            };
        }

        private PlannedAction planned(PlannedAction.Action action, List<Violation> violations) {
            return new PlannedAction(unit.service, unit.region, action, violations);
        }
    }
}
