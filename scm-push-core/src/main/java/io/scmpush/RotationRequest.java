package io.scmpush;

import io.scmpush.internal.engine.PushEngine;
import io.scmpush.internal.engine.RotationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rotation: replace certificates everywhere they are served by a new one ({@link ScmPush#rotate}). Immutable:
 * every method returns a new request, so a request can be planned, then executed.
 *
 * <pre>{@code
 * RotationResult rotation = scm.rotate(renewed)
 *     .replacingOlder()                                        // the default
 *     .across(Waf.inRegions("cn-north-4"), Elb.inRegions("cn-north-4"), Cdn.matchingDomains())
 *     .verifying(Verification.of("www.example.com"))
 *     .execute();
 * if (!rotation.succeeded()) {
 *     rotation.rollback();
 * }
 * }</pre>
 *
 * <p>It finds every binding of the targets that serves a replaced certificate — ELB listeners' default, SNI and
 * client-CA references, WAF cloud and premium hosts, CDN domains — pushes the replacement to each (service,
 * region) that has one (where it is missing), points each binding at it (an SNI entry is replaced in place,
 * every other entry kept), then runs the verifications. A binding that serves the replacement already is
 * {@code ALREADY_BOUND}, so rotating twice writes nothing the second time. It never deletes the replaced
 * certificate and never leaves a binding without a certificate, so {@link RotationResult#rollback()} can point
 * every binding back.
 */
public final class RotationRequest {
    private final PushEngine engine;
    private final Certificate replacement;
    private final @Nullable String replacing;
    private final List<PushTarget> across;
    private final List<Verification> checks;
    private final DuplicatePolicy policy;
    private final @Nullable Duration timeout;
    private final List<Certificate> restorable;

    RotationRequest(PushEngine engine, Certificate replacement) {
        this(engine, replacement, null, List.of(), List.of(), DuplicatePolicy.SKIP, null, List.of());
    }

    private RotationRequest(PushEngine engine, Certificate replacement, @Nullable String replacing,
            List<PushTarget> across, List<Verification> checks, DuplicatePolicy policy, @Nullable Duration timeout,
            List<Certificate> restorable) {
        this.engine = engine;
        this.replacement = replacement;
        this.replacing = replacing;
        this.across = List.copyOf(across);
        this.checks = List.copyOf(checks);
        this.policy = policy;
        this.timeout = timeout;
        this.restorable = List.copyOf(restorable);
    }

    /**
     * This request replacing exactly one certificate, wherever it is bound.
     *
     * @param sha256Fingerprint the SHA-256 fingerprint of the certificate's leaf: 64 hex digits, in either case,
     *     colons allowed ({@link Certificate#fingerprint()} gives it)
     * @return the new request
     * @throws IllegalArgumentException when it is not a SHA-256 fingerprint, or is the replacement's own
     */
    public RotationRequest replacing(String sha256Fingerprint) {
        String fingerprint = Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint").replace(":", "").strip()
                .toLowerCase(Locale.ROOT);
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("replacing(...) takes a SHA-256 fingerprint: 64 hex digits, was '"
                    + sha256Fingerprint + "'");
        }
        if (fingerprint.equals(replacement.fingerprint())) {
            throw new IllegalArgumentException("replacing(...) names the replacement itself; name the certificate "
                    + "it replaces");
        }
        return new RotationRequest(engine, replacement, fingerprint, across, checks, policy, timeout, restorable);
    }

    /**
     * This request replacing every bound certificate that covers at least one of the replacement's domains, is
     * not the replacement, and expires before it: "renew everywhere". The default. A bound certificate whose
     * domains or expiry its service does not tell is left alone.
     *
     * @return the new request
     */
    public RotationRequest replacingOlder() {
        return new RotationRequest(engine, replacement, null, across, checks, policy, timeout, restorable);
    }

    /**
     * This request searching more targets: where bindings are looked for, and where the replacement is pushed.
     * At least one is required.
     *
     * @param targets e.g. {@code Waf.inRegions("cn-north-4")}, {@code Elb.inRegions(...)}, {@code Cdn.matchingDomains()}
     * @return the new request
     */
    public RotationRequest across(PushTarget... targets) {
        List<PushTarget> all = new ArrayList<>(across);
        for (PushTarget target : targets) {
            all.add(Objects.requireNonNull(target, "target"));
        }
        return new RotationRequest(engine, replacement, replacing, all, checks, policy, timeout, restorable);
    }

    /**
     * This request with more checks, run after the bindings are re-pointed, expecting the replacement.
     *
     * @param checks e.g. {@code Verification.of("www.example.com")}
     * @return the new request
     */
    public RotationRequest verifying(Verification... checks) {
        List<Verification> all = new ArrayList<>(this.checks);
        for (Verification check : checks) {
            all.add(Objects.requireNonNull(check, "check"));
        }
        return new RotationRequest(engine, replacement, replacing, across, all, policy, timeout, restorable);
    }

    /**
     * What the push of the replacement does where a copy is there already. Default {@link DuplicatePolicy#SKIP}:
     * the copy there is bound.
     *
     * @param policy the policy
     * @return the new request
     */
    public RotationRequest onDuplicate(DuplicatePolicy policy) {
        return new RotationRequest(engine, replacement, replacing, across, checks,
                Objects.requireNonNull(policy, "policy"), timeout, restorable);
    }

    /**
     * This request with one deadline for the whole call: reads, the push, re-pointing, verifying. When it
     * passes, no write starts: a binding not yet re-pointed ends {@code FAILED} {@code TIMEOUT} (it still serves
     * what it served), a push not yet started ends {@code FAILED} {@code TIMEOUT}, and verifications stop trying.
     * Calls already sent finish and are reported.
     *
     * @param timeout a positive duration
     * @return the new request
     * @throws IllegalArgumentException when it is zero or negative
     */
    public RotationRequest timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new RotationRequest(engine, replacement, replacing, across, checks, policy, timeout, restorable);
    }

    /**
     * This request keeping certificates it replaces, with their keys, so that {@link RotationResult#rollback()}
     * can set them again where a service takes a certificate by its content rather than by a reference: a CDN
     * domain. CDN never returns a certificate's private key, so a rotation cannot keep what it replaces there by
     * itself; ELB listeners and WAF hosts reference certificates the store still holds and need nothing here. A
     * certificate given here is used for the places whose replaced certificate it is (same leaf fingerprint, or,
     * where the service does not return the body, same name and expiry); a place that serves none of them is
     * re-pointed all the same, and its rollback ends {@code FAILED} with code {@code ROLLBACK_NEEDS_CERTIFICATE}.
     *
     * @param replaced the certificates being replaced, each with its private key
     * @return the new request
     * @throws IllegalArgumentException when one has no private key, or is the replacement itself
     */
    public RotationRequest rollbackWith(Certificate... replaced) {
        List<Certificate> all = new ArrayList<>(restorable);
        for (Certificate certificate : replaced) {
            Objects.requireNonNull(certificate, "certificate");
            if (!certificate.hasPrivateKey()) {
                throw new IllegalArgumentException("rollbackWith(...) needs the replaced certificate with its private "
                        + "key, to set it again by content: " + certificate.name() + " has none");
            }
            if (certificate.fingerprint().equals(replacement.fingerprint())) {
                throw new IllegalArgumentException("rollbackWith(...) names the replacement itself; name the "
                        + "certificate it replaces");
            }
            all.add(certificate);
        }
        return new RotationRequest(engine, replacement, replacing, across, checks, policy, timeout, all);
    }

    /**
     * Finds what would change and judges it; writes nothing, records nothing.
     *
     * @return the plan
     * @throws IllegalStateException when no target is named, or the {@link ScmPush} is closed
     */
    public RotationPlan plan() {
        return engine.planRotation(spec());
    }

    /**
     * Finds, pushes, re-points, verifies. Failures are outcomes, not exceptions.
     *
     * @return what was done, binding by binding
     * @throws IllegalStateException when no target is named, or the {@link ScmPush} is closed
     */
    public RotationResult execute() {
        return new RotationResult(engine.rotate(spec()));
    }

    private RotationSpec spec() {
        if (across.isEmpty()) {
            throw new IllegalStateException("The rotation has nowhere to look: name the targets with across(...), "
                    + "e.g. across(Elb.inRegions(\"cn-north-4\"))");
        }
        return new RotationSpec(replacement, replacing, across, checks, policy, timeout, restorable);
    }

    @Override
    public String toString() {
        return "RotationRequest[replacement=" + replacement.name() + ", replacing="
                + (replacing != null ? replacing : "older") + ", across=" + across + ", verifying=" + checks
                + ", onDuplicate=" + policy + (timeout != null ? ", timeout=" + timeout : "")
                + (restorable.isEmpty() ? "" : ", rollbackWith=" + restorable.stream().map(Certificate::name).toList())
                + "]";
    }
}
