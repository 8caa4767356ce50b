package io.scmpush.cdn.internal;

import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.util.Map;

/** Huawei Cloud CDN. */
public final class CdnProvider implements PushProvider {
    private static final ProviderDescriptor DESCRIPTOR =
            new ProviderDescriptor("cdn", "Huawei Cloud CDN", Scope.GLOBAL, 0, true, true, Map.of());

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        throw new UnsupportedOperationException("TODO(provider)");
    }
}
