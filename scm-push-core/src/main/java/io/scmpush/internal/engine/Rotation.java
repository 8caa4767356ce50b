package io.scmpush.internal.engine;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PlannedBinding;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RotationPlan;
import io.scmpush.TargetOutcome;
import io.scmpush.VerificationResult;
import io.scmpush.internal.rules.BindingRules;
import io.scmpush.internal.rules.Destination;
import io.scmpush.internal.rules.Duplicates;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleReport;
import io.scmpush.rules.Violation;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetInventory;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rotation (DESIGN "Deploying: bind, rotate, verify"): find every place that serves a replaced certificate
 * across the given targets, push the replacement to the (service, region)s that have such places, point each
 * place at it (an SNI entry in place), verify, and keep what it takes to point every place back.
 *
 * <p>It never deletes a certificate and never empties a place: each place is changed by one update from the
 * replaced certificate to the replacement, so at every moment it references one of the two. Places of one
 * (service, region) are updated one after another (two may be on one listener), (service, region)s at once.
 */
public final class Rotation {
    static final String TIMEOUT = OutcomeCodes.TIMEOUT;
    private static final System.Logger LOG = System.getLogger("io.scmpush");
    private static final RuleReport NO_REPORT = new RuleReport(List.of());

    private final PushEngine engine;

    Rotation(PushEngine engine) {
        this.engine = engine;
    }

    /**
     * One place found: a binding's resource and the certificates of its place that are replaced.
     *
     * @param restorable by replaced id, the user's copy of it with its key ({@code rollbackWith}), for a rollback
     *     of a place set by content
     */
    private record Place(Destination destination, Bindings.Provider provider, Binding binding, BindingKind kind,
            BoundResource resource, List<BoundCertificate> replaced, @Nullable BoundCertificate current,
            Map<String, Certificate> restorable) {

        Set<String> replacedIds() {
            Set<String> ids = new LinkedHashSet<>();
            replaced.forEach(r -> ids.add(r.id()));
            return ids;
        }

        /** The replaced certificate a rollback returns to: the first of the place. */
        @Nullable BoundCertificate first() {
            return replaced.isEmpty() ? null : replaced.get(0);
        }
    }

    /**
     * What the search of one (service, region) found.
     *
     * @param pushTarget the target the replacement is pushed with there; null when nothing there is re-pointed
     * @param replacementId the id of the replacement's copy there already; null when there is none
     * @param failure why the search failed; null when it did not
     */
    private record Search(Destination destination, PushTarget searched, List<Place> places,
            Map<Binding, BindingRules.Refusal> refusals, @Nullable PushTarget pushTarget, @Nullable String replacementId,
            @Nullable Failure failure) {

        boolean pushes() {
            return pushTarget != null;
        }
    }

    /** Every search, in order of the request's destinations. */
    private record Found(List<Search> searches) {

        List<PushTarget> pushTargets() {
            List<PushTarget> targets = new ArrayList<>();
            for (Search search : searches) {
                if (search.pushTarget() != null) {
                    targets.add(search.pushTarget());
                }
            }
            return targets;
        }

        List<Place> places() {
            List<Place> all = new ArrayList<>();
            searches.forEach(s -> all.addAll(s.places()));
            return all;
        }
    }

    /** Reads and judges; writes nothing. */
    RotationPlan plan(RotationSpec spec) {
        Found found = find(spec);
        List<PushTarget> pushTargets = found.pushTargets();
        PushPlan pushed = pushTargets.isEmpty() ? null
                : engine.plan(spec.replacement(), pushTargets, List.of(), spec.policy(), spec.timeout());
        List<PlannedAction> actions = new ArrayList<>(pushed != null ? pushed.actions() : List.of());
        List<PlannedBinding> planned = new ArrayList<>();
        List<BindingOutcome> outcomes = new ArrayList<>();
        for (Search search : found.searches()) {
            if (search.failure() != null) {
                Failure failure = search.failure();
                Destination d = search.destination();
                actions.add(new PlannedAction(d.service(), d.region(), PlannedAction.Action.REJECT,
                        List.of(Violation.error(failure.code(), d.service(), d.region(), failure.message()))));
            }
            for (Place place : search.places()) {
                BoundCertificate first = place.first();
                if (first != null) {
                    planned.add(new PlannedBinding(place.binding(), first.id(), first.fingerprint()));
                }
                outcomes.add(plannedOutcome(place, search, pushed));
            }
        }
        PushPlan push = new PushPlan(spec.replacement(), actions, pushed != null ? pushed.report() : NO_REPORT,
                outcomes);
        return new RotationPlan(spec.replacement(), planned, push);
    }

    private static BindingOutcome plannedOutcome(Place place, Search search, @Nullable PushPlan pushed) {
        BoundCertificate first = place.first();
        BindingRules.Refusal refusal = search.refusals().get(place.binding());
        if (first == null) {
            return alreadyBound(place, "would be written");
        }
        if (refusal != null) {
            return rejected(place, refusal);
        }
        PlannedAction action = pushed == null ? null : action(pushed.actions(), place.destination());
        if (action == null || action.action() == PlannedAction.Action.REJECT) {
            return Bindings.notAttempted(place.binding());
        }
        String certificateId = action.action() == PlannedAction.Action.SKIP_PRESENT ? search.replacementId() : null;
        return new BindingOutcome(place.binding(), BindingStatus.BOUND, certificateId, first.id(), null,
                "Would serve the replacement instead of " + first.id()
                        + (place.kind().sni() ? ", in its place in the SNI list" : ""), null);
    }

    /** Finds, pushes, re-points, verifies. */
    Run execute(RotationSpec spec) {
        long started = System.nanoTime();
        long deadline = spec.timeout() == null ? Long.MAX_VALUE : started + spec.timeout().toNanos();
        Found found = find(spec);
        Certificate replacement = spec.replacement();

        List<PushTarget> pushTargets = found.pushTargets();
        List<TargetOutcome> outcomes = new ArrayList<>();
        PushResult engineResult = null;
        if (!pushTargets.isEmpty() && !passed(deadline)) {
            // The push gets what is left of the rotation's deadline, as its own.
            engineResult = engine.execute(replacement, pushTargets, List.of(), spec.policy(),
                    deadline == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            outcomes.addAll(engineResult.outcomes());
        }
        for (Search search : found.searches()) {
            Destination d = search.destination();
            if (search.failure() != null) {
                Failure failure = search.failure();
                outcomes.add(new TargetOutcome(d.service(), d.region(), OutcomeStatus.FAILED, null, failure.code(),
                        "Finding what serves the replaced certificates failed: " + failure.message(),
                        failure.requestId(), 0, elapsedSince(started)));
            } else if (search.pushes() && engineResult == null) {
                outcomes.add(new TargetOutcome(d.service(), d.region(), OutcomeStatus.FAILED, null, TIMEOUT,
                        "The rotation's timeout passed before the push; nothing was written", null, 0,
                        elapsedSince(started)));
            }
        }

        List<Undo> undo = new ArrayList<>();
        List<BindingOutcome> bindings = repoint(found, outcomes, replacement, deadline, undo);
        List<VerificationResult> verifications = spec.checks().isEmpty() ? List.of()
                : engine.verify(replacement, spec.checks(), deadline == Long.MAX_VALUE ? null
                        : Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        PushResult push = new PushResult(replacement.fingerprint(), replacement.name(), outcomes,
                engineResult != null ? engineResult.report() : NO_REPORT, elapsedSince(started));
        return new Run(this, replacement, push, bindings, verifications, undo);
    }

    /** Points each place at the replacement; outcomes in the order the places were found. */
    private List<BindingOutcome> repoint(Found found, List<TargetOutcome> pushed, Certificate replacement,
            long deadline, List<Undo> undo) {
        List<Search> searches = new ArrayList<>();
        for (Search search : found.searches()) {
            if (!search.places().isEmpty()) {
                searches.add(search);
            }
        }
        List<List<Repointed>> done = engine.inParallel(searches, search -> {
            TargetOutcome outcome = outcome(pushed, search.destination());
            List<Repointed> results = new ArrayList<>(search.places().size());
            for (Place place : search.places()) {
                results.add(repoint(place, search, outcome, replacement, deadline));
            }
            return results;
        });
        List<BindingOutcome> outcomes = new ArrayList<>();
        for (List<Repointed> group : done) {
            for (Repointed repointed : group) {
                outcomes.add(repointed.outcome());
                if (repointed.undo() != null) {
                    undo.add(repointed.undo());
                }
            }
        }
        return outcomes;
    }

    /** A place's outcome, and how to point it back when it was re-pointed. */
    private record Repointed(BindingOutcome outcome, @Nullable Undo undo) {}

    /**
     * How to point a re-pointed place back.
     *
     * @param certificateId what it references now
     * @param previousCertificateId what it referenced before
     * @param current the certificate it references now, where at hand (with its key): for a place set by content
     * @param previous the certificate it referenced before, where at hand (with its key; from
     *     {@code rollbackWith}): for a place set by content
     * @param givingWay the entries that give way to {@code previousCertificateId} when pointing back: what the
     *     place references now that it did not before
     * @param alsoRestore further entries to put back: replaced entries of an SNI list that the update dropped
     *     (the replacement took the place of the first only)
     */
    record Undo(Bindings.Provider provider, PushTarget target, Binding binding, String certificateId,
            String previousCertificateId, @Nullable Certificate current, @Nullable Certificate previous,
            Set<String> givingWay, List<String> alsoRestore) {

        Undo {
            givingWay = Set.copyOf(givingWay);
            alsoRestore = List.copyOf(alsoRestore);
        }

        /** How to undo this undo, once it is done: every entry it restored gives way again. */
        Undo reversed() {
            Set<String> restored = new LinkedHashSet<>();
            restored.add(previousCertificateId);
            restored.addAll(alsoRestore);
            return new Undo(provider, target, binding, previousCertificateId, certificateId, previous, current,
                    restored, List.of());
        }
    }

    private Repointed repoint(Place place, Search search, @Nullable TargetOutcome pushed, Certificate replacement,
            long deadline) {
        BoundCertificate first = place.first();
        if (first == null) {
            return new Repointed(alreadyBound(place, "was written"), null);
        }
        BindingRules.Refusal refusal = search.refusals().get(place.binding());
        if (refusal != null) {
            return new Repointed(rejected(place, refusal), null);
        }
        String certificateId = pushed == null ? null : pushed.remoteId();
        if (pushed == null || !pushed.succeeded() || certificateId == null) {
            return new Repointed(Bindings.notAttempted(place.binding()), null);
        }
        if (passed(deadline)) {
            return new Repointed(new BindingOutcome(place.binding(), BindingStatus.FAILED, null, null, TIMEOUT,
                    "The rotation's timeout passed before this binding was re-pointed; it still serves "
                            + first.id(), null), null);
        }
        PushTarget target = Objects.requireNonNull(search.pushTarget());
        try {
            BindingChange change = place.provider().client().bind(target, place.binding(), replacement,
                    certificateId, place.replacedIds());
            if (change == null) {
                throw new IllegalStateException("bind(...) returned null");
            }
            // Unchanged: the push itself re-pointed it (a CDN domain), or someone else did meanwhile.
            String previous = change.changed() && change.previousCertificateId() != null
                    ? change.previousCertificateId() : first.id();
            // An SNI list that held several replaced entries holds the replacement once, in the first one's place.
            List<String> dropped = new ArrayList<>();
            if (place.kind().sni()) {
                for (String id : place.replacedIds()) {
                    if (!id.equals(previous)) {
                        dropped.add(id);
                    }
                }
            }
            BindingOutcome outcome = new BindingOutcome(place.binding(), BindingStatus.BOUND, certificateId, previous,
                    null, "Serves the replacement now, instead of " + previous + (dropped.isEmpty() ? ""
                            : " (in its place in the SNI list; the entries of " + String.join(", ", dropped)
                                    + ", which it replaces too, were removed)"), change.requestId());
            return new Repointed(outcome, new Undo(place.provider(), target, place.binding(), certificateId, previous,
                    replacement, place.restorable().get(previous), Set.of(certificateId), dropped));
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, place.provider().descriptor().displayName());
            LOG.log(Level.DEBUG, "re-pointing " + place.binding() + " failed: " + failure.code() + " "
                    + failure.message());
            return new Repointed(new BindingOutcome(place.binding(), BindingStatus.FAILED, null, first.id(),
                    failure.code(), "Re-pointing failed; it still serves " + first.id() + ": " + failure.message(),
                    failure.requestId()), null);
        }
    }

    /** Points every place of {@code undo} back; what a rollback did, and how to undo that in turn. */
    Run rollback(Certificate replacement, List<Undo> undo) {
        long started = System.nanoTime();
        Map<Destination, List<Undo>> byDestination = new LinkedHashMap<>();
        for (Undo u : undo) {
            Binding b = u.binding();
            byDestination.computeIfAbsent(new Destination(b.service(), b.region()), d -> new ArrayList<>()).add(u);
        }
        List<List<Undo>> groups = List.copyOf(byDestination.values());
        List<List<Repointed>> done = engine.inParallel(groups, group -> {
            List<Repointed> results = new ArrayList<>(group.size());
            for (Undo u : group) {
                results.add(pointBack(u));
            }
            return results;
        });
        List<BindingOutcome> outcomes = new ArrayList<>();
        List<Undo> again = new ArrayList<>();
        for (List<Repointed> group : done) {
            for (Repointed repointed : group) {
                outcomes.add(repointed.outcome());
                if (repointed.undo() != null) {
                    again.add(repointed.undo());
                }
            }
        }
        PushResult push = new PushResult(replacement.fingerprint(), replacement.name(), List.of(), NO_REPORT,
                elapsedSince(started));
        return new Run(this, replacement, push, outcomes, List.of(), again);
    }

    private static Repointed pointBack(Undo u) {
        String back = u.previousCertificateId();
        String now = u.certificateId();
        BindingChange change;
        try {
            change = Objects.requireNonNull(u.provider().client().bind(u.target(), u.binding(), u.previous(), back,
                    u.givingWay()), "bind(...) returned null");
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, u.provider().descriptor().displayName());
            return new Repointed(new BindingOutcome(u.binding(), BindingStatus.FAILED, null, now, failure.code(),
                    "Pointing back at " + back + " failed; it still serves " + now + ": " + failure.message(),
                    failure.requestId()), null);
        }
        boolean changed = change.changed();
        String requestId = change.requestId();
        // Entries of an SNI list that the rotation removed go back into the list, after the others.
        for (String entry : u.alsoRestore()) {
            try {
                BindingChange more = Objects.requireNonNull(u.provider().client().bind(u.target(), u.binding(), null,
                        entry, Set.of()), "bind(...) returned null");
                changed |= more.changed();
                requestId = more.requestId() != null ? more.requestId() : requestId;
            } catch (RuntimeException e) {
                Failure failure = Failure.of(e, u.provider().descriptor().displayName());
                return new Repointed(new BindingOutcome(u.binding(), BindingStatus.FAILED, back, now, failure.code(),
                        "Pointed back at " + back + ", but putting " + entry + " back into the SNI list failed: "
                                + failure.message(), failure.requestId()), null);
            }
        }
        if (!changed) {
            return new Repointed(new BindingOutcome(u.binding(), BindingStatus.ALREADY_BOUND, back, null, null,
                    "Serves " + back + " already; nothing was written", requestId), null);
        }
        String restored = u.alsoRestore().isEmpty() ? back : back + " (and " + String.join(", ", u.alsoRestore())
                + ", back in the SNI list)";
        return new Repointed(new BindingOutcome(u.binding(), BindingStatus.BOUND, back, now, null,
                "Serves " + restored + " again, instead of " + now, requestId), u.reversed());
    }

    /** Searches every (service, region) of the request at once, and judges what it found. */
    private Found find(RotationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        engine.ensureOpen();
        Map<Destination, PushTarget> destinations = new LinkedHashMap<>();
        for (PushTarget target : spec.across()) {
            for (Destination d : Destination.of(target, engine::descriptor)) {
                destinations.putIfAbsent(d, target);
            }
        }
        List<Map.Entry<Destination, PushTarget>> entries = List.copyOf(destinations.entrySet());
        return new Found(engine.inParallel(entries, e -> search(spec, e.getKey(), e.getValue())));
    }

    private Search search(RotationSpec spec, Destination d, PushTarget target) {
        Bindings.Provider provider = engine.bindingProvider(d.service());
        if (provider == null) {
            return failed(d, target, new Failure(RuleCodes.UNKNOWN_SERVICE, "No provider is installed for service '"
                    + d.service() + "': add the module that provides it", null, 0));
        }
        if (provider.descriptor().scope() == Scope.REGIONAL && d.region() == null) {
            return failed(d, target, new Failure(RuleCodes.REGION_REQUIRED, provider.descriptor().displayName()
                    + " is regional: name the regions to search, e.g. inRegions(\"cn-north-4\")", null, 0));
        }
        Certificate replacement = spec.replacement();
        try {
            TargetInventory inventory = Objects.requireNonNull(
                    provider.client().inventory(replacement, target, d.region()), "inventory(...) returned null");
            Map<String, RemoteCertificate> held = new HashMap<>();
            boolean allFingerprinted = true;
            for (RemoteCertificate c : inventory.certificates()) {
                held.put(c.id(), c);
                allFingerprinted &= c.fingerprint() != null;
            }
            String replacementId = Duplicates.find(replacement, inventory).map(RemoteCertificate::id).orElse(null);
            Set<String> lookFor = null; // every resource that references any certificate
            if (spec.replacing() != null && allFingerprinted) {
                lookFor = new LinkedHashSet<>();
                for (RemoteCertificate c : inventory.certificates()) {
                    if (spec.replacing().equals(c.fingerprint()) || c.id().equals(replacementId)) {
                        lookFor.add(c.id());
                    }
                }
            }
            List<BoundResource> resources = lookFor != null && lookFor.isEmpty() ? List.of()
                    : provider.client().boundResources(target, d.region(), lookFor);
            Judge judge = new Judge(spec, held, replacementId);
            List<Place> places = new ArrayList<>();
            for (BoundResource resource : Objects.requireNonNull(resources, "boundResources(...) returned null")) {
                for (Map.Entry<String, List<BoundCertificate>> place : resource.references().entrySet()) {
                    Binding binding = resource.binding(place.getKey());
                    BindingKind kind = Bindings.kind(provider, binding);
                    if (kind == null) {
                        continue;
                    }
                    List<BoundCertificate> replaced = new ArrayList<>();
                    BoundCertificate current = null;
                    for (BoundCertificate reference : place.getValue()) {
                        if (judge.isReplacement(reference)) {
                            current = current == null ? reference : current;
                        } else if (judge.isReplaced(reference)) {
                            replaced.add(reference);
                        }
                    }
                    if (!replaced.isEmpty() || current != null) {
                        places.add(new Place(d, provider, binding, kind, resource, replaced, current,
                                judge.restorable(replaced)));
                    }
                }
            }
            return judged(spec, d, target, provider, places, replacementId);
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, provider.descriptor().displayName());
            LOG.log(Level.DEBUG, "finding the bindings of " + d + " failed: " + failure.code() + " "
                    + failure.message());
            return failed(d, target, failure);
        }
    }

    /** The push target of a destination, and the binding rules on each place to re-point. */
    private static Search judged(RotationSpec spec, Destination d, PushTarget searched, Bindings.Provider provider,
            List<Place> places, @Nullable String replacementId) {
        List<Binding> toRepoint = new ArrayList<>();
        for (Place place : places) {
            if (!place.replaced().isEmpty()) {
                toRepoint.add(place.binding());
            }
        }
        if (toRepoint.isEmpty()) {
            return new Search(d, searched, places, Map.of(), null, replacementId, null);
        }
        // The provider's own target for these bindings (a CDN push names exactly these domains), with the
        // options of the target the user gave (an enterprise project, ...).
        PushTarget target = provider.client().bindingTarget(List.copyOf(toRepoint));
        for (Map.Entry<String, String> option : searched.options().entrySet()) {
            if (!target.options().containsKey(option.getKey())) {
                target = target.withOption(option.getKey(), option.getValue());
            }
        }
        Map<Binding, BindingRules.Refusal> refusals = new HashMap<>();
        boolean pushes = false;
        for (Place place : places) {
            if (place.replaced().isEmpty()) {
                continue;
            }
            BindingRules.Refusal refusal = BindingRules.beforeReading(place.binding(), place.kind(), target);
            if (refusal == null) {
                refusal = BindingRules.onResource(spec.replacement(), place.binding(), place.kind(), place.resource(),
                        place.replacedIds());
            }
            if (refusal != null) {
                refusals.put(place.binding(), refusal);
            } else {
                pushes = true;
            }
        }
        return new Search(d, searched, places, refusals, pushes ? target : null, replacementId, null);
    }

    private static Search failed(Destination d, PushTarget target, Failure failure) {
        return new Search(d, target, List.of(), Map.of(), null, null, failure);
    }

    /** Which references a rotation replaces, and which are the replacement itself. */
    private static final class Judge {
        private final RotationSpec spec;
        private final Map<String, RemoteCertificate> held;
        private final @Nullable String replacementId;

        Judge(RotationSpec spec, Map<String, RemoteCertificate> held, @Nullable String replacementId) {
            this.spec = spec;
            this.held = held;
            this.replacementId = replacementId;
        }

        /** The copy the push found or made, or any with its fingerprint (or, without one, its name and expiry). */
        boolean isReplacement(BoundCertificate reference) {
            return reference.id().equals(replacementId) || Duplicates.isSame(spec.replacement(), remote(reference));
        }

        /**
         * {@code replacing(fingerprint)}: that certificate. {@code replacingOlder()}: one that covers at least
         * one of the replacement's domains and expires before it; one whose domains or expiry the service does
         * not tell is left alone.
         */
        boolean isReplaced(BoundCertificate reference) {
            RemoteCertificate remote = remote(reference);
            if (spec.replacing() != null) {
                return spec.replacing().equals(remote.fingerprint());
            }
            Instant notAfter = remote.notAfter();
            if (notAfter == null || !notAfter.isBefore(spec.replacement().notAfter())) {
                return false;
            }
            for (String name : reference.domains()) {
                for (String domain : spec.replacement().domains()) {
                    if (BindingRules.covers(name, domain)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** By replaced id, the certificate of {@code rollbackWith} that it is, where one is. */
        Map<String, Certificate> restorable(List<BoundCertificate> replaced) {
            Map<String, Certificate> found = new HashMap<>();
            for (BoundCertificate reference : replaced) {
                RemoteCertificate remote = remote(reference);
                for (Certificate candidate : spec.restorable()) {
                    if (Duplicates.isSame(candidate, remote)) {
                        found.putIfAbsent(reference.id(), candidate);
                    }
                }
            }
            return Map.copyOf(found);
        }

        /** The reference, completed from the inventory where the resource's description lacks a part. */
        private RemoteCertificate remote(BoundCertificate reference) {
            RemoteCertificate stored = held.get(reference.id());
            String name = reference.name() != null ? reference.name() : stored != null ? stored.name() : "";
            String fingerprint = reference.fingerprint() != null ? reference.fingerprint()
                    : stored != null ? stored.fingerprint() : null;
            Instant notAfter = reference.notAfter() != null ? reference.notAfter()
                    : stored != null ? stored.notAfter() : null;
            return new RemoteCertificate(reference.id(), name, fingerprint, notAfter);
        }
    }

    private static BindingOutcome alreadyBound(Place place, String written) {
        BoundCertificate current = Objects.requireNonNull(place.current());
        return new BindingOutcome(place.binding(), BindingStatus.ALREADY_BOUND, current.id(), null, null,
                "Serves the replacement already; nothing " + written, null);
    }

    private static BindingOutcome rejected(Place place, BindingRules.Refusal refusal) {
        BoundCertificate first = Objects.requireNonNull(place.first());
        return new BindingOutcome(place.binding(), BindingStatus.REJECTED, null, first.id(), refusal.code(),
                refusal.message() + "; it still serves " + first.id(), null);
    }

    private static @Nullable PlannedAction action(List<PlannedAction> actions, Destination d) {
        for (PlannedAction action : actions) {
            if (action.service().equals(d.service()) && Objects.equals(action.region(), d.region())) {
                return action;
            }
        }
        return null;
    }

    private static @Nullable TargetOutcome outcome(List<TargetOutcome> outcomes, Destination d) {
        for (TargetOutcome outcome : outcomes) {
            if (outcome.service().equals(d.service()) && Objects.equals(outcome.region(), d.region())) {
                return outcome;
            }
        }
        return null;
    }

    private static boolean passed(long deadline) {
        return deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0;
    }

    private static Duration elapsedSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** What a rotation, or a rollback, did; and how to point every place it re-pointed back. */
    public static final class Run {
        private final Rotation rotation;
        private final Certificate replacement;
        private final PushResult push;
        private final List<BindingOutcome> bindings;
        private final List<VerificationResult> verifications;
        private final List<Undo> undo;

        Run(Rotation rotation, Certificate replacement, PushResult push, List<BindingOutcome> bindings,
                List<VerificationResult> verifications, List<Undo> undo) {
            this.rotation = rotation;
            this.replacement = replacement;
            this.push = push;
            this.bindings = List.copyOf(bindings);
            this.verifications = List.copyOf(verifications);
            this.undo = List.copyOf(undo);
        }

        /** @return the push of the replacement, with a FAILED outcome per (service, region) not searched */
        public PushResult push() {
            return push;
        }

        /** @return one outcome per binding found (after a rollback: per binding pointed back) */
        public List<BindingOutcome> bindings() {
            return bindings;
        }

        /** @return the verifications run after re-pointing */
        public List<VerificationResult> verifications() {
            return verifications;
        }

        /**
         * Points every place this run re-pointed back at what it served before.
         *
         * @return what the rollback did
         */
        public Run rollback() {
            return rotation.rollback(replacement, undo);
        }
    }
}
