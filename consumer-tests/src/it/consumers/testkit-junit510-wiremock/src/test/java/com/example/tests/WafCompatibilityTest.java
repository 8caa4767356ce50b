package com.example.tests;

import io.scmpush.PushTarget;
import io.scmpush.spi.PushProvider;
import io.scmpush.testkit.CompatibilityBackend;
import io.scmpush.testkit.HuaweiCloudBackend;
import io.scmpush.testkit.ProviderCompatibilityKit;
import io.scmpush.waf.Waf;

/** The kit's cases, inherited, on this project's JUnit 5.10. */
class WafCompatibilityTest extends ProviderCompatibilityKit {
    @Override
    protected PushProvider provider() {
        return discovered("waf");
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
