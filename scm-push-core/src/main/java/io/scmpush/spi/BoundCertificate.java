package io.scmpush.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate a bindable resource references, as far as the service describes it.
 *
 * @param id the certificate's id in the service (CDN, which has none: its name)
 * @param name its name, where known
 * @param fingerprint SHA-256 of the leaf DER in lowercase hex; null where the service does not return the body
 * @param notAfter its expiry, where known
 * @param domains the names it serves, as the service records them (ELB: the certificate's {@code domain}
 *     field, else its SANs); empty where unknown
 */
public record BoundCertificate(String id, @Nullable String name, @Nullable String fingerprint,
        @Nullable Instant notAfter, List<String> domains) {

    /**
     * Copies the domains.
     *
     * @param id the certificate's id in the service (CDN, which has none: its name)
     * @param name its name, where known
     * @param fingerprint SHA-256 of the leaf DER in lowercase hex; null where the service does not return the body
     * @param notAfter its expiry, where known
     * @param domains the names it serves, as the service records them (ELB: the certificate's {@code domain}
     *     field, else its SANs); empty where unknown
     * @throws NullPointerException when id or domains is null
     */
    public BoundCertificate {
        Objects.requireNonNull(id, "id");
        domains = List.copyOf(domains);
    }

    /**
     * A reference of which only the id is known.
     *
     * @param id the certificate's id in the service
     * @return the reference
     */
    public static BoundCertificate ofId(String id) {
        return new BoundCertificate(id, null, null, null, List.of());
    }
}
