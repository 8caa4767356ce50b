package io.scmpush;

import java.util.List;
import java.util.Objects;

/**
 * The dry run of a rotation ({@link RotationRequest#plan()}): what serves a replaced certificate now, and what
 * the rotation would do. Nothing was written.
 *
 * @param replacement the new certificate
 * @param bindings every binding found serving a replaced certificate, in the order found (by target, then
 *     resource, then place)
 * @param push the push of the replacement to the (service, region)s that have bindings to re-point, with
 *     {@link PushPlan#bindings()} telling what would happen to each binding found: {@code BOUND} (its
 *     {@code previousCertificateId} is the certificate it would give up), {@code ALREADY_BOUND} (it serves the
 *     replacement already), {@code REJECTED} by a binding rule, {@code NOT_ATTEMPTED} when the push would not
 *     go ahead
 */
public record RotationPlan(Certificate replacement, List<PlannedBinding> bindings, PushPlan push) {

    /**
     * Copies the list.
     *
     * @param replacement the new certificate
     * @param bindings every binding found serving a replaced certificate
     * @param push the push of the replacement, with what would happen to each binding
     * @throws NullPointerException when a part is null
     */
    public RotationPlan {
        Objects.requireNonNull(replacement, "replacement");
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(push, "push");
    }
}
