package io.scmpush.spi;

import java.util.List;

/**
 * What a target holds before a push.
 *
 * @param serviceAvailable false when the service is not enabled there ({@code SERVICE_UNAVAILABLE})
 * @param certificates the certificates it holds that may matter to this push
 * @param domains the service's domains (CDN acceleration domains); empty where not applicable
 */
public record TargetInventory(boolean serviceAvailable, List<RemoteCertificate> certificates, List<String> domains) {

    /**
     * Copies the lists.
     *
     * @param serviceAvailable false when the service is not enabled there ({@code SERVICE_UNAVAILABLE})
     * @param certificates the certificates it holds that may matter to this push
     * @param domains the service's domains (CDN acceleration domains); empty where not applicable
     */
    public TargetInventory {
        certificates = List.copyOf(certificates);
        domains = List.copyOf(domains);
    }

    /** {@return the inventory of a service that is not enabled there} */
    public static TargetInventory unavailable() {
        return new TargetInventory(false, List.of(), List.of());
    }
}
