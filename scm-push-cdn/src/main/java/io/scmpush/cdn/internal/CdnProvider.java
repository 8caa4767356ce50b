package io.scmpush.cdn.internal;

import io.scmpush.cdn.Cdn;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Huawei Cloud CDN: global (one endpoint, no region, no project), certificate names unique in the
 * account, a private key required, and its own rule {@code DOMAIN_NOT_ONBOARDED}.
 */
public final class CdnProvider implements PushProvider {
    /** {@code UpdateDomainMultiCertificates} allows 20 calls a minute per account (Huawei Cloud CDN API reference, flow control). */
    static final int CALLS_PER_MINUTE = 20;

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(Cdn.SERVICE, Scope.GLOBAL)
            .displayName("Huawei Cloud CDN").uniqueNames(true)
            .rule(DomainNotOnboardedRule.CODE, new DomainNotOnboardedRule()).build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * @throws io.scmpush.ConfigurationException {@code NO_CREDENTIALS} when the {@code ScmPush} has none
     */
    @Override
    public TargetClient connect(ProviderContext context) {
        context.credentials(); // fail fast: every CDN call is signed
        // One limiter per client: every push of one ScmPush shares the account's budget. It waits real time,
        // so it reads the system clock: the context's clock is the rules' "now", and may be fixed.
        CallRateLimiter limiter = new CallRateLimiter(CALLS_PER_MINUTE, Duration.ofMinutes(1), Clock.systemUTC(),
                CallRateLimiter.Sleeper.SYSTEM);
        // One API per site, made on first use: the EU site has its own endpoint and IAM.
        Map<String, CdnApi> sites = new ConcurrentHashMap<>();
        return new CdnClient(site -> sites.computeIfAbsent(site == null ? "" : site,
                s -> new CdnApi(context.http(), context.endpoint(Cdn.SERVICE, site), site)), limiter);
    }
}
