package io.scmpush.internal.rules;

import io.scmpush.Certificate;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetInventory;
import java.time.Instant;
import java.util.Optional;

/**
 * The one definition of "a target already holds this certificate", shared by the {@code ALREADY_PUSHED}
 * rule (policy FAIL) and the push engine (policy SKIP: outcome {@code ALREADY_PRESENT}).
 */
public final class Duplicates {
    private Duplicates() {}

    /** The first certificate of {@code inventory} that is {@code certificate}, if any. */
    public static Optional<RemoteCertificate> find(Certificate certificate, TargetInventory inventory) {
        for (RemoteCertificate remote : inventory.certificates()) {
            if (isSame(certificate, remote)) {
                return Optional.of(remote);
            }
        }
        return Optional.empty();
    }

    /**
     * Same leaf SHA-256 fingerprint; where the service does not return the body (fingerprint null), same
     * name and same expiry instead. X.509 times have whole seconds, so sub-second parts a service may add
     * are ignored.
     */
    public static boolean isSame(Certificate certificate, RemoteCertificate remote) {
        String fingerprint = remote.fingerprint();
        if (fingerprint != null) {
            return fingerprint.equalsIgnoreCase(certificate.fingerprint());
        }
        Instant notAfter = remote.notAfter();
        return notAfter != null && remote.name().equals(certificate.name())
                && notAfter.getEpochSecond() == certificate.notAfter().getEpochSecond();
    }
}
