package io.scmpush;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one binding of a push ended ({@link PushResult#bindings()}), or would end ({@link PushPlan#bindings()}).
 *
 * @param binding the binding, as requested
 * @param status what happened to it
 * @param certificateId the id, in the service, of the certificate the resource serves now (in a plan: the
 *     id it would serve, null when the push has yet to create it); null when nothing was bound
 * @param previousCertificateId what the binding's place referenced before: the former default certificate,
 *     the SNI entry replaced (null when the entry was added), the host's former certificate; null when none,
 *     or when the resource was not read
 * @param code null for {@code BOUND} and {@code ALREADY_BOUND}; the rule's code for {@code REJECTED}
 *     ({@code RESOURCE_NOT_FOUND}, {@code BINDING_TYPE}, {@code DOMAIN_NOT_COVERED}, {@code SNI_CONFLICT},
 *     {@code BINDING_UNSUPPORTED}); the failure's code for {@code FAILED}, as for a
 *     {@link TargetOutcome}; {@code PUSH_FAILED} for {@code NOT_ATTEMPTED}
 * @param message what happened, for a person
 * @param requestId the service's request id of the update, for support; null when nothing was sent
 */
public record BindingOutcome(Binding binding, BindingStatus status, @Nullable String certificateId,
        @Nullable String previousCertificateId, @Nullable String code, String message, @Nullable String requestId) {

    /**
     * Checks the required parts.
     *
     * @param binding the binding, as requested
     * @param status what happened to it
     * @param certificateId the id, in the service, of the certificate the resource serves now (in a plan: the
     *     id it would serve, null when the push has yet to create it); null when nothing was bound
     * @param previousCertificateId what the binding's place referenced before: the former default certificate,
     *     the SNI entry replaced (null when the entry was added), the host's former certificate; null when none,
     *     or when the resource was not read
     * @param code null for {@code BOUND} and {@code ALREADY_BOUND}; the rule's code for {@code REJECTED}
     *     ({@code RESOURCE_NOT_FOUND}, {@code BINDING_TYPE}, {@code DOMAIN_NOT_COVERED}, {@code SNI_CONFLICT},
     *     {@code BINDING_UNSUPPORTED}); the failure's code for {@code FAILED}, as for a
     *     {@link TargetOutcome}; {@code PUSH_FAILED} for {@code NOT_ATTEMPTED}
     * @param message what happened, for a person
     * @param requestId the service's request id of the update, for support; null when nothing was sent
     * @throws NullPointerException when binding, status or message is null
     */
    public BindingOutcome {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the resource serves the certificate.
     *
     * @return true for {@code BOUND} and {@code ALREADY_BOUND}
     */
    public boolean succeeded() {
        return status == BindingStatus.BOUND || status == BindingStatus.ALREADY_BOUND;
    }

    /** For example {@code elb/cn-north-4 listener 0b7f... BOUND cert=5e1d... (was 77aa...)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(binding.toString()).append(' ').append(status);
        if (code != null) {
            s.append(" [").append(code).append(']');
        }
        if (certificateId != null) {
            s.append(" cert=").append(certificateId);
        }
        if (previousCertificateId != null) {
            s.append(" (was ").append(previousCertificateId).append(')');
        }
        if (!message.isEmpty()) {
            s.append(": ").append(message);
        }
        if (requestId != null) {
            s.append(" (request ").append(requestId).append(')');
        }
        return s.toString();
    }
}
