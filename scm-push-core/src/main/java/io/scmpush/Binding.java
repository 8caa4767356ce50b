package io.scmpush;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A place where a service serves a certificate: an HTTPS listener's default certificate, its SNI list,
 * a protected host, an acceleration domain. {@link PushRequest#bind(Binding)} points it at the pushed
 * certificate. Build one with the provider's factories ({@code Elb.listener(region, id)},
 * {@code Waf.host(region, id)}, {@code Cdn.domain(name)}, ...); a plugin defines its own kinds.
 *
 * @param service the provider's service id, e.g. {@code elb}
 * @param region the region of a regional service; null for a global one
 * @param kind what the binding sets on the resource, e.g. {@code listener} (the default certificate) or
 *     {@code listener-sni} (an entry of the SNI list); the provider defines its kinds
 * @param resource the resource's id in the service (listener id, host id), or its name where it has no
 *     id (a CDN domain)
 */
public record Binding(String service, @Nullable String region, String kind, String resource) {

    /**
     * Checks the parts.
     *
     * @param service the provider's service id, e.g. {@code elb}
     * @param region the region of a regional service; null for a global one
     * @param kind what the binding sets on the resource, e.g. {@code listener} (the default certificate) or
     *     {@code listener-sni} (an entry of the SNI list); the provider defines its kinds
     * @param resource the resource's id in the service (listener id, host id), or its name where it has no
     *     id (a CDN domain)
     * @throws NullPointerException when service, kind or resource is null
     * @throws IllegalArgumentException when one of them, or a region given, is blank
     */
    public Binding {
        requireText(service, "service");
        requireText(kind, "kind");
        requireText(resource, "resource");
        if (region != null && region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank; null for a global service");
        }
    }

    private static void requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /** For example {@code elb/cn-north-4 listener-sni 0b7f...}. */
    @Override
    public String toString() {
        return service + (region != null ? "/" + region : "") + " " + kind + " " + resource;
    }
}
