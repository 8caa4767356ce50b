package io.scmpush.testkit.memvault;

import io.scmpush.Binding;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.CompatibilityBackend;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The kit's view of a {@link MemVault}: it reads the vault's state and injects failures into it. */
public final class MemVaultBackend implements CompatibilityBackend {
    private final MemVault vault = new MemVault();

    /** {@return the vault the provider under test writes into} */
    public MemVault vault() {
        return vault;
    }

    @Override
    public List<RemoteCertificate> certificates(String service, @Nullable String region) {
        return vault.certificates(Objects.requireNonNull(region, "region"));
    }

    @Override
    public long writes() {
        return vault.writes();
    }

    @Override
    public boolean failNextCall(String service, @Nullable String region) {
        vault.failNext(Objects.requireNonNull(region, "region"));
        return true;
    }

    @Override
    public boolean disableService(String service, @Nullable String region) {
        vault.disable(Objects.requireNonNull(region, "region"));
        return true;
    }

    @Override
    public Optional<Binding> newBinding(String service, @Nullable String region, BindingKind kind) {
        String id = vault.addSlot(Objects.requireNonNull(region, "region"));
        return Optional.of(new Binding(service, region, kind.kind(), id));
    }

    @Override
    public List<String> boundFingerprints(Binding binding) {
        return vault.slot(binding.resource()).flatMap(current -> current).flatMap(vault::byId)
                .map(RemoteCertificate::fingerprint).stream().filter(Objects::nonNull).toList();
    }
}
