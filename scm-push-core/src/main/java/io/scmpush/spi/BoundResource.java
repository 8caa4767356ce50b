package io.scmpush.spi;

import io.scmpush.Binding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One bindable resource as it is now: a listener, a protected host, an acceleration domain, and the
 * certificates each of its places references.
 *
 * @param service the service id
 * @param region the region; null for a global service
 * @param resource the resource's id (or name, where it has no id), as {@link Binding#resource()} names it
 * @param names the host names it serves (a WAF host's domain, a CDN domain); empty where it has none (a
 *     listener)
 * @param references by binding kind, every kind this resource takes, each with the certificates that place
 *     references now, in the service's order: one entry for a single reference (a default certificate, a
 *     host's certificate), the whole list for a list (an SNI list), none when the place is empty. A kind
 *     the resource does not take (any kind, for a TCP listener) is absent.
 */
public record BoundResource(String service, @Nullable String region, String resource, List<String> names,
        Map<String, List<BoundCertificate>> references) {

    /**
     * Copies the lists and the map, keeping the map's order.
     *
     * @param service the service id
     * @param region the region; null for a global service
     * @param resource the resource's id (or name, where it has no id), as {@link Binding#resource()} names it
     * @param names the host names it serves (a WAF host's domain, a CDN domain); empty where it has none (a
     *     listener)
     * @param references by binding kind, every kind this resource takes, each with the certificates that place
     *     references now, in the service's order: one entry for a single reference (a default certificate, a
     *     host's certificate), the whole list for a list (an SNI list), none when the place is empty. A kind
     *     the resource does not take (any kind, for a TCP listener) is absent.
     * @throws NullPointerException when a part is null
     */
    public BoundResource {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(resource, "resource");
        names = List.copyOf(names);
        Map<String, List<BoundCertificate>> copy = new LinkedHashMap<>();
        references.forEach((kind, certificates) -> copy.put(Objects.requireNonNull(kind, "kind"),
                List.copyOf(certificates)));
        references = Collections.unmodifiableMap(copy);
    }

    /**
     * The kinds this resource takes.
     *
     * @return the keys of {@link #references()}
     */
    public Set<String> kinds() {
        return references.keySet();
    }

    /**
     * What one place references now.
     *
     * @param kind a binding kind
     * @return its certificates in the service's order; empty when none, or when the resource does not take
     *     the kind
     */
    public List<BoundCertificate> references(String kind) {
        return references.getOrDefault(kind, List.of());
    }

    /**
     * This resource as a binding of one kind.
     *
     * @param kind a binding kind
     * @return the binding
     */
    public Binding binding(String kind) {
        return new Binding(service, region, kind, resource);
    }
}
