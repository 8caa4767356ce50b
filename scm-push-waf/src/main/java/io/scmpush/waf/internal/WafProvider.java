package io.scmpush.waf.internal;

import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.util.Map;

/** Huawei Cloud WAF. */
public final class WafProvider implements PushProvider {
    private static final ProviderDescriptor DESCRIPTOR =
            new ProviderDescriptor("waf", "Huawei Cloud WAF", Scope.REGIONAL, 10, false, true, Map.of());

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        throw new UnsupportedOperationException("TODO(provider)");
    }
}
