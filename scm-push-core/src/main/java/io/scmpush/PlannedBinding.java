package io.scmpush;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A binding a rotation found serving a certificate it replaces ({@link RotationPlan#bindings()}).
 *
 * @param binding the place: a listener's default certificate or SNI list, a host, a domain
 * @param currentCertificateId the id, in the service, of the replaced certificate it references now (in an
 *     SNI list: the entry that would be replaced in place)
 * @param currentFingerprint that certificate's SHA-256 fingerprint; null where the service does not return
 *     the certificate's body
 */
public record PlannedBinding(Binding binding, String currentCertificateId, @Nullable String currentFingerprint) {

    /**
     * Checks the required parts.
     *
     * @param binding the place
     * @param currentCertificateId the replaced certificate it references now
     * @param currentFingerprint that certificate's SHA-256 fingerprint, where known
     * @throws NullPointerException when binding or currentCertificateId is null
     */
    public PlannedBinding {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(currentCertificateId, "currentCertificateId");
    }
}
