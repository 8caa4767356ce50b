package io.scmpush.waf;

import io.scmpush.PushTarget;
import io.scmpush.spi.PushProvider;
import io.scmpush.testkit.CompatibilityBackend;
import io.scmpush.testkit.HuaweiCloudBackend;
import io.scmpush.testkit.ProviderCompatibilityKit;

/** The provider contract every scm-push provider keeps, run against the test kit's WAF emulator. */
class WafCompatibilityTest extends ProviderCompatibilityKit {

    @Override
    protected PushProvider provider() {
        return discovered(Waf.SERVICE);
    }

    @Override
    protected CompatibilityBackend createBackend() {
        return HuaweiCloudBackend.start();
    }

    @Override
    protected PushTarget target(String... regions) {
        return Waf.inRegions(regions);
    }
}
