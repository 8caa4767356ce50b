package io.scmpush.waf;

import io.scmpush.PushTarget;
import io.scmpush.testkit.ProviderCompatibilityKit;

/** The provider contract every scm-push provider keeps, run against the test kit's WAF emulator. */
class WafCompatibilityTest extends ProviderCompatibilityKit {

    @Override
    protected PushTarget target(String... regions) {
        return Waf.inRegions(regions);
    }
}
