package io.scmpush.elb.internal;

import io.scmpush.Binding;
import io.scmpush.CloudServiceException;
import io.scmpush.elb.Elb;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.support.IdempotentUpdate;
import io.scmpush.spi.support.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds certificates to dedicated ELB (v3) listeners: the default certificate
 * ({@code default_tls_container_ref}), the SNI list ({@code sni_container_refs}) and the client CA
 * ({@code client_ca_tls_container_ref}). Each update reads the listener first and sends only the field it
 * changes; the SNI list is sent whole, every other entry in its order. HTTPS and TERMINATED_HTTPS (the shared
 * load balancer's name for it) listeners take all three; QUIC takes no client CA; other protocols take none.
 */
final class ElbBindings {
    static final List<BindingKind> KINDS = List.of(BindingKind.server(Elb.LISTENER),
            BindingKind.sni(Elb.SNI_LISTENER), BindingKind.ca(Elb.CLIENT_CA_LISTENER));
    /** The protocols whose listeners take certificates, as ListListeners filters them. */
    static final List<String> TLS_PROTOCOLS = List.of("HTTPS", "TERMINATED_HTTPS", "QUIC");

    private final ElbListenerApi api;
    private final ElbCertificateApi certificates;

    ElbBindings(ElbListenerApi api, ElbCertificateApi certificates) {
        this.api = api;
        this.certificates = certificates;
    }

    Optional<BoundResource> read(Binding binding) {
        String region = requireRegion(binding.region());
        return api.show(region, binding.resource()).map(listener -> describe(region, listener,
                certificates.byId(region, listener.references())));
    }

    List<BoundResource> find(String region, @Nullable Set<String> certificateIds) {
        List<ElbListenerApi.Listener> matching = new ArrayList<>();
        Set<String> referenced = new LinkedHashSet<>();
        for (ElbListenerApi.Listener listener : api.list(region, TLS_PROTOCOLS)) {
            Set<String> references = listener.references();
            if (certificateIds == null ? !references.isEmpty()
                    : references.stream().anyMatch(certificateIds::contains)) {
                matching.add(listener);
                referenced.addAll(references);
            }
        }
        if (matching.isEmpty()) {
            return List.of();
        }
        Map<String, BoundCertificate> referencedCertificates = certificates.byId(region, referenced);
        return matching.stream().map(listener -> describe(region, listener, referencedCertificates)).toList();
    }

    BindingChange bind(Binding binding, String certificateId, Set<String> replacing) {
        String region = requireRegion(binding.region());
        String id = binding.resource();
        return IdempotentUpdate.run(api.http(), () -> {
            ElbListenerApi.Listener listener = api.show(region, id).orElseThrow(() -> CloudServiceException.builder(RuleCodes.RESOURCE_NOT_FOUND, "ELB listener " + id + " in " + region + " no longer exists")
                    .httpStatus(404).build());
            return switch (binding.kind()) {
                case Elb.LISTENER -> single(region, id, "default_tls_container_ref", listener.defaultRef(),
                        certificateId);
                case Elb.CLIENT_CA_LISTENER -> single(region, id, "client_ca_tls_container_ref",
                        listener.clientCaRef(), certificateId);
                case Elb.SNI_LISTENER -> sni(region, id, listener.sniRefs(), certificateId, replacing);
                default -> throw new IllegalArgumentException("ELB makes no binding of kind " + binding.kind());
            };
        });
    }

    private IdempotentUpdate.@Nullable Update single(String region, String id, String field, @Nullable String current,
            String certificateId) {
        if (certificateId.equals(current)) {
            return null;
        }
        return new IdempotentUpdate.Update(current, () -> api.update(region, id, JsonObject.create().put(field,
                certificateId)));
    }

    /**
     * The SNI list with the certificate in it: in place of the first entry it replaces (further such entries
     * dropped), else appended; every other entry kept in order, none repeated. Null when nothing changes.
     */
    private IdempotentUpdate.@Nullable Update sni(String region, String id, List<String> current, String certificateId,
            Set<String> replacing) {
        List<String> next = new ArrayList<>(current.size() + 1);
        String replaced = null;
        boolean placed = false;
        for (String entry : current) {
            if (entry.equals(certificateId) || replacing.contains(entry)) {
                if (!placed) {
                    next.add(certificateId);
                    placed = true;
                    replaced = entry.equals(certificateId) ? null : entry;
                }
            } else if (!next.contains(entry)) {
                next.add(entry);
            }
        }
        if (!placed) {
            next.add(certificateId);
        }
        if (next.equals(current)) {
            return null;
        }
        String previous = replaced;
        return new IdempotentUpdate.Update(previous,
                () -> api.update(region, id, JsonObject.create().putStrings("sni_container_refs", next)));
    }

    private static BoundResource describe(String region, ElbListenerApi.Listener listener,
            Map<String, BoundCertificate> certificates) {
        Map<String, List<BoundCertificate>> references = new LinkedHashMap<>();
        String protocol = listener.protocol();
        if (TLS_PROTOCOLS.contains(protocol)) {
            references.put(Elb.LISTENER, listener.defaultRef() == null ? List.of()
                    : List.of(certificates.getOrDefault(listener.defaultRef(),
                            BoundCertificate.ofId(listener.defaultRef()))));
            references.put(Elb.SNI_LISTENER, listener.sniRefs().stream()
                    .map(ref -> certificates.getOrDefault(ref, BoundCertificate.ofId(ref))).toList());
            if (!protocol.equals("QUIC")) {
                references.put(Elb.CLIENT_CA_LISTENER, listener.clientCaRef() == null ? List.of()
                        : List.of(certificates.getOrDefault(listener.clientCaRef(),
                                BoundCertificate.ofId(listener.clientCaRef()))));
            }
        }
        return new BoundResource(Elb.SERVICE, region, listener.id(), List.of(), references);
    }

    private static String requireRegion(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("ELB is regional: a binding needs a region, e.g. "
                    + "Elb.listener(\"cn-north-4\", listenerId)");
        }
        return region;
    }
}
