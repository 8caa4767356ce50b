package io.scmpush;

import io.scmpush.internal.engine.Rotation;
import java.util.List;

/**
 * What a rotation did ({@link RotationRequest#execute()}), binding by binding, and the way back. Immutable.
 */
public final class RotationResult {
    private final Rotation.Run run;

    RotationResult(Rotation.Run run) {
        this.run = run;
    }

    /**
     * The push of the replacement to every (service, region) that had a binding to re-point, and one
     * {@code FAILED} outcome for each (service, region) whose bindings could not be searched. No outcome when
     * nothing needed pushing; after {@link #rollback()}, none either.
     *
     * @return the push's result
     */
    public PushResult push() {
        return run.push();
    }

    /**
     * One outcome per binding found: {@code BOUND} (its {@code previousCertificateId} is the replaced
     * certificate), {@code ALREADY_BOUND} (it served the replacement already), {@code REJECTED} by a binding
     * rule, {@code FAILED} (it still serves the replaced certificate), {@code NOT_ATTEMPTED} (the push to its
     * service and region did not succeed). After {@link #rollback()}: one per binding pointed back.
     *
     * @return the outcomes, in the order the bindings were found
     */
    public List<BindingOutcome> bindings() {
        return run.bindings();
    }

    /**
     * The verifications, run after re-pointing, expecting the replacement; none after {@link #rollback()}.
     *
     * @return one result per {@link RotationRequest#verifying} check, in order
     */
    public List<VerificationResult> verifications() {
        return run.verifications();
    }

    /**
     * Whether everything asked for is done.
     *
     * @return true when the push succeeded, every binding is {@code BOUND} or {@code ALREADY_BOUND}, and every
     *     verification matches
     */
    public boolean succeeded() {
        return push().succeeded() && bindings().stream().allMatch(BindingOutcome::succeeded)
                && verifications().stream().allMatch(VerificationResult::matches);
    }

    /**
     * Points every {@code BOUND} binding back at its {@code previousCertificateId}: each is one update, as the
     * rotation's was (an SNI entry is put back in its place; further replaced entries the rotation removed from the
     * same SNI list are added back after it, one update each). Nothing was deleted, so the previous certificates
     * are still there. A place that takes a certificate by its content rather than a reference (a CDN domain) is
     * set again with the replaced certificate given to {@link RotationRequest#rollbackWith}; without one it is
     * left as it is and ends {@code FAILED} with code {@code ROLLBACK_NEEDS_CERTIFICATE} (CDN never returns a
     * key). The rollback's own {@code rollback()} points them at the replacement again.
     *
     * @return the rollback's outcomes: {@code certificateId} is the certificate served again,
     *     {@code previousCertificateId} the replacement
     */
    public RotationResult rollback() {
        return new RotationResult(run.rollback());
    }

    @Override
    public String toString() {
        return "RotationResult[" + (succeeded() ? "succeeded" : "not succeeded") + ", push=" + push().outcomes()
                + ", bindings=" + bindings() + ", verifications=" + verifications() + "]";
    }
}
