package io.scmpush.examples.directory;

import io.scmpush.PushTarget;
import io.scmpush.spi.PushProvider;
import io.scmpush.testkit.CompatibilityBackend;
import io.scmpush.testkit.ProviderCompatibilityKit;

/**
 * The directory plugin runs the provider contract as any plugin does: its provider, a backend that observes
 * a temporary directory, and its typed target. Nothing Huawei Cloud is involved.
 */
class DirectoryCompatibilityTest extends ProviderCompatibilityKit {

    @Override
    protected PushProvider provider() {
        return new DirectoryProvider();
    }

    @Override
    protected CompatibilityBackend createBackend() {
        return new DirectoryBackend();
    }

    @Override
    protected PushTarget target(String... regions) {
        return Directory.at(((DirectoryBackend) backend()).directory()); // global: the kit gives no region
    }
}
