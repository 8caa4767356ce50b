package io.scmpush.waf.internal;

import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.waf.Waf;
import java.util.Map;

/**
 * Huawei Cloud WAF: regional, up to 10 regions per push; names need not be unique; a server
 * certificate needs its private key.
 */
public final class WafProvider implements PushProvider {
    private static final ProviderDescriptor DESCRIPTOR =
            ProviderDescriptor.builder(Waf.SERVICE, Scope.REGIONAL).displayName("Huawei Cloud WAF").maxRegions(10)
                    .build();

    /** For {@link java.util.ServiceLoader}. */
    public WafProvider() {}

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.scmpush.ConfigurationException {@code NO_CREDENTIALS} when none were configured */
    @Override
    public TargetClient connect(ProviderContext context) {
        context.credentials(); // fail at build(), not at the first push
        return new WafTargetClient(context);
    }
}
