package io.scmpush.spi;

import io.scmpush.Credentials;
import java.net.URI;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PushProvider#connect(ProviderContext)} gets from the {@code ScmPush} it joins. A plugin's own
 * configuration goes to its constructor ({@code ScmPush.builder().provider(new MyProvider(config))}), and a
 * target's to its options ({@link io.scmpush.PushTarget#withOption}).
 */
public interface ProviderContext {

    /**
     * The credentials the {@code ScmPush} was built with; a provider that does not call Huawei Cloud need
     * not ask.
     *
     * @return the configured credentials
     * @throws io.scmpush.ConfigurationException {@code NO_CREDENTIALS} when none were configured
     */
    Credentials credentials();

    /** {@return the signed, retrying Huawei Cloud transport, shared by every provider of the {@code ScmPush}} */
    CloudHttp http();

    /**
     * The base URI of a service, with the user's overrides applied.
     *
     * @param service the provider's service id
     * @param region a region id; null for the global endpoint
     * @return for example {@code https://waf.cn-north-4.myhuaweicloud.com}
     */
    URI endpoint(String service, @Nullable String region);

    /**
     * The account's project id in a region: configured, else looked up through IAM once and cached.
     *
     * @param region a region id, such as {@code cn-north-4}
     * @return the project id
     * @throws io.scmpush.ConfigurationException when the account has no project there
     */
    String projectId(String region);

    /**
     * The clock the rules judge with ({@code ScmPush.Builder.clock}), which may be fixed or offset: do not
     * sign, wait or rate-limit with it; use the system clock for those.
     *
     * @return the rules' clock
     */
    Clock clock();
}
