package io.scmpush.testkit.memvault;

import io.scmpush.PushTarget;
import io.scmpush.spi.PushProvider;
import io.scmpush.testkit.CompatibilityBackend;
import io.scmpush.testkit.ProviderCompatibilityKit;

/**
 * The kit run as a plugin author for a service that is not Huawei Cloud's runs it: the provider and its
 * backend come from this class, nothing is discovered, no emulator starts. The vault declines throttling
 * (the kit skips that case) and the kit loses a write's answer itself.
 */
class MemVaultCompatibilityTest extends ProviderCompatibilityKit {

    @Override
    protected PushProvider provider() {
        return new MemVaultProvider(((MemVaultBackend) backend()).vault());
    }

    @Override
    protected CompatibilityBackend createBackend() {
        return new MemVaultBackend();
    }

    @Override
    protected PushTarget target(String... regions) {
        return PushTarget.of(MemVaultProvider.SERVICE).inRegions(regions);
    }
}
