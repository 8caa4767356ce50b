package io.scmpush.testkit.memvault;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.InvalidCertificateException;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A third-party provider as a plugin author would write it for a service that is not Huawei Cloud's: a
 * regional in-memory vault whose slots bind a certificate. Not registered for discovery.
 */
public final class MemVaultProvider implements PushProvider {
    /** The service id. */
    public static final String SERVICE = "memvault";
    /** The binding kind: a slot that serves one certificate. */
    public static final String SLOT = "slot";

    private final MemVault vault;

    /**
     * A provider writing into {@code vault}.
     *
     * @param vault the store
     */
    public MemVaultProvider(MemVault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    @Override
    public ProviderDescriptor descriptor() {
        return ProviderDescriptor.builder(SERVICE, Scope.REGIONAL).displayName("In-memory vault").maxRegions(3)
                .build();
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        return new Client(vault);
    }

    private static final class Client implements TargetClient {
        private final MemVault vault;

        Client(MemVault vault) {
            this.vault = vault;
        }

        @Override
        public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
            String r = check(region);
            if (!vault.available(r)) {
                return TargetInventory.unavailable();
            }
            return new TargetInventory(true, vault.certificates(r), List.of());
        }

        /** Creates once: a copy with this fingerprint already held is the one a lost answer left behind. */
        @Override
        public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
            String r = check(region);
            if (!certificate.hasPrivateKey()) {
                throw new InvalidCertificateException(RuleCodes.PRIVATE_KEY_REQUIRED,
                        "the vault keeps a certificate with its private key");
            }
            synchronized (vault) {
                Optional<RemoteCertificate> present = vault.certificates(r).stream()
                        .filter(c -> certificate.fingerprint().equals(c.fingerprint())).findFirst();
                RemoteCertificate stored = present.orElseGet(() -> vault.store(r, certificate.name(),
                        certificate.fingerprint(), certificate.notAfter()));
                return new Deployment(stored.id(), stored.name(), null, 1);
            }
        }

        @Override
        public List<BindingKind> bindingKinds() {
            return List.of(BindingKind.server(SLOT));
        }

        @Override
        public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
            return vault.slot(binding.resource()).map(current -> describe(binding, current.orElse(null)));
        }

        @Override
        public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
                String certificateId, Set<String> replacing) {
            Optional<String> current = vault.slot(binding.resource()).orElseThrow();
            if (current.isPresent() && current.get().equals(certificateId)) {
                return BindingChange.unchanged();
            }
            return new BindingChange(true, vault.setSlot(binding.resource(), certificateId), null, 1);
        }

        private BoundResource describe(Binding binding, @Nullable String certificateId) {
            List<BoundCertificate> references = certificateId == null ? List.of()
                    : List.of(vault.byId(certificateId).map(c -> new BoundCertificate(c.id(), c.name(),
                            c.fingerprint(), c.notAfter(), List.of())).orElse(BoundCertificate.ofId(certificateId)));
            return new BoundResource(SERVICE, binding.region(), binding.resource(), List.of(),
                    Map.of(SLOT, references));
        }

        private String check(@Nullable String region) {
            String r = Objects.requireNonNull(region, "a memvault target names its region");
            if (vault.failsNow(r)) {
                throw CloudServiceException.builder("MEMVAULT_UNAVAILABLE", "the vault in " + r + " is down")
                        .httpStatus(503).build();
            }
            return r;
        }
    }
}
