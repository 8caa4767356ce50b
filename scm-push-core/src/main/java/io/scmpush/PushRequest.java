package io.scmpush;

import io.scmpush.internal.engine.PushEngine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One certificate and where to push it. Immutable: every method returns a new request, so a request
 * can be kept and executed again.
 *
 * <p>Each target becomes one outcome per (service, region): one per region of a regional target, and
 * one with region null for a global target or a target that names no region. A (service, region)
 * named twice gets one outcome ({@code DUPLICATE_TARGET}).
 */
public final class PushRequest {
    private final PushEngine engine;
    private final Certificate certificate;
    private final List<PushTarget> targets;
    private final DuplicatePolicy duplicatePolicy;
    private final List<Binding> bindings;
    private final @Nullable Duration timeout;

    PushRequest(PushEngine engine, Certificate certificate, List<PushTarget> targets, DuplicatePolicy duplicatePolicy,
            List<Binding> bindings, @Nullable Duration timeout) {
        this.engine = engine;
        this.certificate = certificate;
        this.targets = List.copyOf(targets);
        this.duplicatePolicy = duplicatePolicy;
        this.bindings = List.copyOf(bindings);
        this.timeout = timeout;
    }

    /**
     * This request with one more target.
     *
     * @param target where to push, such as {@code Waf.inRegions("cn-north-4")}
     * @return a new request; this one is unchanged
     */
    public PushRequest to(PushTarget target) {
        PushTarget[] all = targets.toArray(new PushTarget[targets.size() + 1]);
        all[targets.size()] = Objects.requireNonNull(target, "target");
        return new PushRequest(engine, certificate, List.of(all), duplicatePolicy, bindings, timeout);
    }

    /**
     * What to do about a target that already holds the certificate.
     *
     * @param policy default {@link DuplicatePolicy#FAIL} ({@code REJECTED} {@code ALREADY_PUSHED});
     *     {@link DuplicatePolicy#SKIP} reports it {@code ALREADY_PRESENT} and writes nothing
     * @return a new request; this one is unchanged
     */
    public PushRequest onDuplicate(DuplicatePolicy policy) {
        return new PushRequest(engine, certificate, targets, Objects.requireNonNull(policy, "policy"), bindings,
                timeout);
    }

    /**
     * This request with one deadline for the whole call, {@code timeout} from when it starts: reads, writes,
     * retries and bindings. Each HTTP attempt's timeout shrinks to the time left, no write starts after the
     * deadline, and every target not finished by then ends {@code FAILED} with code {@code TIMEOUT}. Default:
     * none (each attempt is bounded by {@code ScmPush.Builder.requestTimeout} only).
     *
     * @param timeout positive
     * @return a new request; this one is unchanged
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public PushRequest timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new PushRequest(engine, certificate, targets, duplicatePolicy, bindings, timeout);
    }

    /**
     * This request with one more binding: after the certificate is pushed to the binding's (service, region),
     * the resource is pointed at it, with the id the push returned, or under {@link DuplicatePolicy#SKIP} the
     * id of the copy already there. When the request has no target for that (service, region), the binding
     * adds one (a server or a CA certificate, as its kind needs). The binding rules ({@code RESOURCE_NOT_FOUND},
     * {@code BINDING_TYPE}, {@code DOMAIN_NOT_COVERED}, {@code SNI_CONFLICT}, {@code BINDING_UNSUPPORTED})
     * are judged on the resource as read before anything is written, and a rule that fires is reported even
     * when the push itself is rejected; a binding whose push does not succeed is otherwise
     * {@code NOT_ATTEMPTED}. A binding named twice is bound once.
     *
     * @param binding where to serve the certificate, e.g. {@code Elb.listener("cn-north-4", listenerId)}
     * @return the new request
     */
    public PushRequest bind(Binding binding) {
        Objects.requireNonNull(binding, "binding");
        Binding[] all = bindings.toArray(new Binding[bindings.size() + 1]);
        all[bindings.size()] = binding;
        return new PushRequest(engine, certificate, targets, duplicatePolicy, List.of(all), timeout);
    }

    /**
     * Reads the inventories and evaluates the rules; writes nothing, records nothing and tells the
     * listener nothing. A target whose inventory cannot be read is planned as {@code REJECT}, with one
     * more ERROR violation that carries the failure's code (e.g. {@code AUTH_FAILED}); {@link #execute()}
     * reports such a target {@code FAILED} with that code.
     *
     * @return one planned action per (service, region), what each binding would do, and the rule report
     * @throws IllegalStateException when the request has no target and no binding, or its {@link ScmPush}
     *     is closed
     */
    public PushPlan plan() {
        return engine.plan(certificate, targets, bindings, duplicatePolicy, timeout);
    }

    /**
     * Reads the inventories, evaluates the rules, then writes every allowed target in parallel.
     * Rule violations and remote failures are outcomes, not exceptions. Every outcome is recorded in
     * the history and told to the listener.
     *
     * <p>Interrupting the calling thread cancels the push: no write starts after that, targets not
     * written end {@code FAILED} with code {@code CANCELLED}, writes already under way finish and are
     * reported; the result is returned with the thread's interrupt status set.
     *
     * @return one outcome per (service, region), in the order of the targets, and one per binding
     * @throws IllegalStateException when the request has no target and no binding, or its {@link ScmPush}
     *     is closed
     */
    public PushResult execute() {
        return engine.execute(certificate, targets, bindings, duplicatePolicy, timeout);
    }

    /**
     * {@link #execute()} on the {@link ScmPush}'s threads, without blocking the caller.
     *
     * <p>{@code cancel} on the returned future (with or without interrupt) stops the push: once it
     * returns, no write starts; the targets not written end {@code FAILED CANCELLED}, recorded in the
     * history and told to the listener; writes already under way finish and are recorded and told too.
     * Stages made from the future ({@code thenApply}, ...) cancel only themselves.
     *
     * @return a future completed with the result
     * @throws IllegalStateException at once, not through the future, when the request has no target nor binding, or
     *     its {@link ScmPush} is closed
     */
    public CompletableFuture<PushResult> executeAsync() {
        return engine.executeAsync(certificate, targets, bindings, duplicatePolicy, timeout);
    }

    @Override
    public String toString() {
        return "PushRequest[certificate=" + certificate.name() + ", targets=" + targets + ", onDuplicate="
                + duplicatePolicy + (bindings.isEmpty() ? "" : ", bindings=" + bindings)
                + (timeout != null ? ", timeout=" + timeout : "") + "]";
    }
}
