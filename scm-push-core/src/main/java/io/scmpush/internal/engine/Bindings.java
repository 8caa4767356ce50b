package io.scmpush.internal.engine;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.OutcomeCodes;
import io.scmpush.PushTarget;
import io.scmpush.TargetOutcome;
import io.scmpush.internal.rules.BindingRules;
import io.scmpush.internal.rules.Destination;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bindings of one push (DESIGN "Deploying"): the targets they add, the resources they read and judge
 * before anything is written, and the updates that follow their target's write.
 */
final class Bindings {
    static final String PUSH_FAILED = OutcomeCodes.PUSH_FAILED;

    private static final System.Logger LOG = System.getLogger("io.scmpush");

    private Bindings() {}

    /** A connected provider, as the bindings see it. */
    record Provider(ProviderDescriptor descriptor, TargetClient client) {}

    /**
     * A binding as the evaluation left it.
     *
     * @param destination the (service, region) whose push it follows
     * @param target the request's target for that destination; null when there is none (no provider)
     * @param kind the provider's kind; null when it makes none
     * @param resource the resource as read; null when not read or not found
     * @param refusal the binding's final outcome when it was decided before any write ({@code REJECTED} by a
     *     rule, {@code FAILED} when the resource could not be read); null when it waits for its target
     */
    record Judged(Binding binding, Destination destination, @Nullable PushTarget target, @Nullable Provider provider,
            @Nullable BindingKind kind, @Nullable BoundResource resource, @Nullable BindingOutcome refusal) {}

    /** The request's distinct bindings, in order. */
    static List<Binding> distinct(List<Binding> bindings) {
        return bindings.size() < 2 ? bindings : List.copyOf(new LinkedHashSet<>(bindings));
    }

    /** The (service, region) whose push a binding follows: region null for a global service. */
    static Destination destination(Binding binding, @Nullable Provider provider) {
        boolean global = provider != null && provider.descriptor().scope() == Scope.GLOBAL;
        return new Destination(binding.service(), global ? null : binding.region());
    }

    /**
     * The request's targets, followed by one for each (service, region) that bindings name and no target
     * does, as the provider makes it; none where the provider makes none of those bindings.
     */
    static List<PushTarget> withTargets(List<PushTarget> targets, List<Binding> bindings,
            Function<String, @Nullable Provider> providers) {
        if (bindings.isEmpty()) {
            return targets;
        }
        Set<Destination> named = new LinkedHashSet<>();
        for (PushTarget target : targets) {
            named.addAll(Destination.of(target, service -> Optional.ofNullable(providers.apply(service))
                    .map(Provider::descriptor)));
        }
        Map<Destination, List<Binding>> missing = new LinkedHashMap<>();
        for (Binding binding : bindings) {
            Provider provider = providers.apply(binding.service());
            Destination destination = destination(binding, provider);
            if (provider != null && !named.contains(destination) && kind(provider, binding) != null) {
                missing.computeIfAbsent(destination, d -> new ArrayList<>()).add(binding);
            }
        }
        if (missing.isEmpty()) {
            return targets;
        }
        List<PushTarget> all = new ArrayList<>(targets);
        missing.forEach((destination, group) -> {
            Provider provider = providers.apply(destination.service());
            try {
                all.add(Objects.requireNonNull(provider.client().bindingTarget(List.copyOf(group)),
                        "bindingTarget(...) returned null"));
            } catch (RuntimeException e) { // a plugin's bug: its bindings find no target and are refused
                LOG.log(Level.WARNING, "The " + provider.descriptor().displayName() + " provider gave no target for "
                        + group + ": " + e);
            }
        });
        return List.copyOf(all);
    }

    static @Nullable BindingKind kind(Provider provider, Binding binding) {
        List<BindingKind> kinds;
        try {
            kinds = provider.client().bindingKinds();
        } catch (RuntimeException e) { // a plugin's bug: it makes no binding
            LOG.log(Level.WARNING, "bindingKinds() of the " + provider.descriptor().displayName() + " provider threw: "
                    + e);
            return null;
        }
        for (BindingKind kind : kinds == null ? List.<BindingKind>of() : kinds) {
            if (kind.kind().equals(binding.kind())) {
                return kind;
            }
        }
        return null;
    }

    /** Judges the rules that need no read, then reads the resource and judges the rest. Writes nothing. */
    static Judged read(Certificate certificate, Binding binding, Destination destination, @Nullable PushTarget target,
            @Nullable Provider provider) {
        BindingKind kind = provider == null ? null : kind(provider, binding);
        if (provider == null || target == null || kind == null) {
            String why = provider == null ? "No provider is installed for service '" + binding.service() + "'"
                    : kind == null ? "The " + provider.descriptor().displayName() + " provider makes no binding of "
                            + "kind '" + binding.kind() + "'"
                    : "The " + provider.descriptor().displayName() + " provider gave no target to push to for it";
            return refused(binding, destination, target, provider, kind, null,
                    new BindingRules.Refusal(BindingRules.BINDING_UNSUPPORTED, why));
        }
        BindingRules.Refusal refusal = BindingRules.beforeReading(binding, kind, target);
        if (refusal != null) {
            return refused(binding, destination, target, provider, kind, null, refusal);
        }
        BoundResource resource;
        try {
            resource = provider.client().boundResource(target, binding).orElse(null);
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, provider.descriptor().displayName());
            log("reading", binding, failure);
            return new Judged(binding, destination, target, provider, kind, null, new BindingOutcome(binding,
                    BindingStatus.FAILED, null, null, failure.code(), "Reading the resource failed: "
                    + failure.message(), failure.requestId()));
        }
        refusal = BindingRules.onResource(certificate, binding, kind, resource, Set.of());
        if (refusal != null) {
            return refused(binding, destination, target, provider, kind, resource, refusal);
        }
        return new Judged(binding, destination, target, provider, kind, resource, null);
    }

    private static Judged refused(Binding binding, Destination destination, @Nullable PushTarget target,
            @Nullable Provider provider, @Nullable BindingKind kind, @Nullable BoundResource resource,
            BindingRules.Refusal refusal) {
        BoundCertificate current = resource == null ? null : single(resource.references(binding.kind()), kind);
        return new Judged(binding, destination, target, provider, kind, resource, new BindingOutcome(binding,
                BindingStatus.REJECTED, null, current == null ? null : current.id(), refusal.code(),
                refusal.message(), null));
    }

    /**
     * What {@code execute()} would report, for a plan.
     *
     * @param pushed whether the binding's target would be written or holds the certificate already
     * @param knownId the certificate's id when the target holds it already; null when the push creates it
     */
    static BindingOutcome planned(Certificate certificate, Judged judged, boolean pushed, @Nullable String knownId) {
        if (judged.refusal() != null) {
            return judged.refusal();
        }
        Binding binding = judged.binding();
        if (!pushed) {
            return notAttempted(binding);
        }
        BoundResource resource = Objects.requireNonNull(judged.resource());
        List<BoundCertificate> references = resource.references(binding.kind());
        BoundCertificate already = BindingRules.alreadyBound(certificate, knownId, references);
        if (already != null) {
            return new BindingOutcome(binding, BindingStatus.ALREADY_BOUND, already.id(), null, null,
                    "Serves the certificate already; nothing would be written", null);
        }
        BindingKind kind = Objects.requireNonNull(judged.kind(), "the kind of a binding the rules let through");
        BoundCertificate current = single(references, kind);
        return new BindingOutcome(binding, BindingStatus.BOUND, knownId, current == null ? null : current.id(), null,
                current == null ? "Would serve the certificate" + (kind.sni() ? ", added to the list" : "")
                        : "Would serve the certificate instead of " + current.id(), null);
    }

    /**
     * Points the binding at the certificate its target's push left there; its outcome either way. A binding
     * whose resource referenced the certificate when it was read (before the push) is {@code ALREADY_BOUND}
     * without a call; any other that ends up referencing it is {@code BOUND}.
     */
    static BindingOutcome bind(Certificate certificate, Judged judged, TargetOutcome pushed) {
        if (judged.refusal() != null) {
            return judged.refusal();
        }
        Binding binding = judged.binding();
        String certificateId = pushed.remoteId();
        if (!pushed.succeeded() || certificateId == null) {
            return notAttempted(binding);
        }
        BoundResource resource = Objects.requireNonNull(judged.resource());
        BoundCertificate already = BindingRules.alreadyBound(certificate, certificateId,
                resource.references(binding.kind()));
        if (already != null) {
            return new BindingOutcome(binding, BindingStatus.ALREADY_BOUND, already.id(), null, null,
                    "Serves the certificate already; nothing was written", null);
        }
        Provider provider = Objects.requireNonNull(judged.provider());
        try {
            BindingChange change = provider.client().bind(Objects.requireNonNull(judged.target()), binding,
                    certificate, certificateId, Set.of());
            if (change == null) {
                throw new IllegalStateException("bind(...) returned null");
            }
            // Unchanged although the resource referenced another certificate before the push: the push itself
            // bound it (a CDN domain), or someone else did meanwhile. Either way it was re-pointed now.
            BoundCertificate before = single(resource.references(binding.kind()), judged.kind());
            String previous = change.changed() ? change.previousCertificateId() : before == null ? null : before.id();
            return new BindingOutcome(binding, BindingStatus.BOUND, certificateId, previous, null,
                    previous == null ? "Serves the certificate now" : "Serves the certificate now, instead of "
                            + previous, change.requestId());
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, provider.descriptor().displayName());
            log("binding", binding, failure);
            return new BindingOutcome(binding, BindingStatus.FAILED, null, null, failure.code(),
                    "Binding failed: " + failure.message(), failure.requestId());
        }
    }

    static BindingOutcome notAttempted(Binding binding) {
        return new BindingOutcome(binding, BindingStatus.NOT_ATTEMPTED, null, null, PUSH_FAILED,
                "The push to " + binding.service() + (binding.region() != null ? " in " + binding.region() : "")
                        + " did not succeed: nothing to bind", null);
    }

    /** The place's single reference, for a kind that holds one; null for a list or an empty place. */
    private static @Nullable BoundCertificate single(List<BoundCertificate> references, @Nullable BindingKind kind) {
        return kind == null || kind.sni() || references.isEmpty() ? null : references.get(0);
    }

    private static void log(String doing, Binding binding, Failure failure) {
        LOG.log(Level.DEBUG, doing + " " + binding + " failed: " + failure.code() + " " + failure.message());
    }
}
