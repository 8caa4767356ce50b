package io.scmpush.binding;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.PushTarget;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A regional service {@value #SERVICE} in memory whose resources take certificates: kind {@value #SLOT} (one
 * server certificate), {@value #SNI} (a list picked by name) and {@value #CA} (one CA certificate).
 * Thread-safe.
 */
final class BindingProvider implements PushProvider {
    static final String SERVICE = "deploy";
    static final String SLOT = "slot";
    static final String SNI = "sni";
    static final String CA = "ca-slot";

    /** A resource: the names it serves and, per kind it takes, the certificate ids it references. */
    record Resource(List<String> names, Map<String, List<String>> references) {}

    private final Map<String, RemoteCertificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, List<String>> certificateDomains = new ConcurrentHashMap<>();
    /** Sorted by id, so that searches find resources in a stable order. */
    private final Map<String, Resource> resources = new ConcurrentSkipListMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    /** Per bind call: the certificate id, and the name of the certificate handed over as content, or "none". */
    private final List<String> contents = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> bindFailures = new ConcurrentHashMap<>();
    private final Set<String> failingPushes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile @Nullable RuntimeException searchFailure;
    private volatile boolean brokenBindingTarget;

    @Override
    public ProviderDescriptor descriptor() {
        return ProviderDescriptor.builder(SERVICE, Scope.REGIONAL).displayName("Deploy test service").maxRegions(10)
                .requiresPrivateKey(false).build();
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        return new Client();
    }

    /** Adds a resource taking every kind, with nothing bound. */
    String addResource(String id, String... names) {
        Map<String, List<String>> references = new LinkedHashMap<>();
        references.put(SLOT, List.of());
        references.put(SNI, List.of());
        references.put(CA, List.of());
        resources.put(id, new Resource(List.of(names), references));
        return id;
    }

    /** Adds a resource that takes no certificate, as a TCP listener. */
    String addPlainResource(String id) {
        resources.put(id, new Resource(List.of(), Map.of()));
        return id;
    }

    /** Stores a certificate as if pushed earlier: its id. */
    String store(Certificate certificate) {
        String id = "c" + ids.incrementAndGet();
        certificates.put(id, new RemoteCertificate(id, certificate.name(), certificate.fingerprint(),
                certificate.notAfter()));
        certificateDomains.put(id, certificate.domains());
        return id;
    }

    void reference(String resource, String kind, String... certificateIds) {
        resources.computeIfPresent(resource, (id, r) -> {
            Map<String, List<String>> references = new LinkedHashMap<>(r.references());
            references.put(kind, List.of(certificateIds));
            return new Resource(r.names(), references);
        });
    }

    List<String> references(String resource, String kind) {
        return resources.get(resource).references().get(kind);
    }

    /** The next bind of {@code resource} throws this. */
    void failBind(String resource, RuntimeException failure) {
        bindFailures.put(resource, failure);
    }

    /** Every search for bound resources throws this from now on. */
    void failSearches(RuntimeException failure) {
        searchFailure = failure;
    }

    /** bindingTarget(...) throws, as a buggy plugin's might. */
    void breakBindingTarget() {
        brokenBindingTarget = true;
    }

    void failPushes(String region) {
        failingPushes.add(region);
    }

    /** Every write: "push region" or "bind resource kind certificate". */
    List<String> contents() {
        return List.copyOf(contents);
    }

    List<String> writes() {
        return List.copyOf(writes);
    }

    private final class Client implements TargetClient {
        @Override
        public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
            return new TargetInventory(true, List.copyOf(certificates.values()), List.of());
        }

        @Override
        public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
            if (failingPushes.contains(region)) {
                throw CloudServiceException.builder("DEPLOY.500", "refused").httpStatus(500).errorCode("DEPLOY.500")
                        .requestId("r-push").attempts(1).build();
            }
            writes.add("push " + region + (target.isCaCertificate() ? " ca" : ""));
            String id = store(certificate);
            return new Deployment(id, certificate.name(), "r-" + id, 1);
        }

        @Override
        public List<BindingKind> bindingKinds() {
            return List.of(BindingKind.server(SLOT), BindingKind.sni(SNI), BindingKind.ca(CA));
        }

        @Override
        public PushTarget bindingTarget(List<Binding> bindings) {
            if (brokenBindingTarget) {
                throw new IllegalStateException("a plugin's bug");
            }
            return TargetClient.super.bindingTarget(bindings);
        }

        @Override
        public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
            Resource resource = resources.get(binding.resource());
            return Optional.ofNullable(resource).map(r -> describe(binding, r));
        }

        @Override
        public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
                String certificateId, Set<String> replacing) {
            RuntimeException failure = bindFailures.remove(binding.resource());
            if (failure != null) {
                throw failure;
            }
            contents.add(certificateId + " with " + (certificate == null ? "none" : certificate.name()));
            Resource resource = resources.get(binding.resource());
            List<String> current = resource.references().get(binding.kind());
            if (current.contains(certificateId)) {
                return BindingChange.unchanged();
            }
            List<String> next = new ArrayList<>();
            String previous = null;
            if (binding.kind().equals(SNI)) {
                // The first entry given way to is replaced in place, further ones dropped; else appended.
                boolean placed = false;
                for (String entry : current) {
                    if (!replacing.contains(entry)) {
                        next.add(entry);
                    } else if (!placed) {
                        next.add(certificateId);
                        previous = entry;
                        placed = true;
                    }
                }
                if (!placed) {
                    next.add(certificateId);
                }
            } else {
                previous = current.isEmpty() ? null : current.get(0);
                next.add(certificateId);
            }
            reference(binding.resource(), binding.kind(), next.toArray(String[]::new));
            writes.add("bind " + binding.resource() + " " + binding.kind() + " " + certificateId);
            return new BindingChange(true, previous, "r-bind", 1);
        }

        @Override
        public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
                @Nullable Set<String> certificateIds) {
            RuntimeException failure = searchFailure;
            if (failure != null) {
                throw failure;
            }
            List<BoundResource> found = new ArrayList<>();
            resources.forEach((id, resource) -> {
                boolean references = resource.references().values().stream().flatMap(List::stream)
                        .anyMatch(c -> certificateIds == null || certificateIds.contains(c));
                if (references) {
                    found.add(describe(new Binding(SERVICE, region, SLOT, id), resource));
                }
            });
            return found;
        }

        private BoundResource describe(Binding binding, Resource resource) {
            Map<String, List<BoundCertificate>> references = new LinkedHashMap<>();
            resource.references().forEach((kind, ids) -> references.put(kind, ids.stream().map(id -> {
                RemoteCertificate c = certificates.get(id);
                return new BoundCertificate(id, c.name(), c.fingerprint(), c.notAfter(), certificateDomains.get(id));
            }).toList()));
            return new BoundResource(SERVICE, binding.region(), binding.resource(), resource.names(), references);
        }
    }
}
