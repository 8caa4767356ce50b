package io.scmpush.elb.internal;

import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.util.Map;

/** Huawei Cloud ELB. */
public final class ElbProvider implements PushProvider {
    private static final ProviderDescriptor DESCRIPTOR =
            new ProviderDescriptor("elb", "Huawei Cloud ELB", Scope.REGIONAL, 10, false, true, Map.of());

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        throw new UnsupportedOperationException("TODO(provider)");
    }
}
