package io.scmpush.spi;

import io.scmpush.Credentials;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What {@link PushProvider#connect(ProviderContext)} gets from the {@code ScmPush} it joins. */
public interface ProviderContext {

    /**
     * @throws io.scmpush.ConfigurationException {@code NO_CREDENTIALS} when none were configured
     */
    Credentials credentials();

    /** The signed, retrying Huawei Cloud transport. */
    CloudHttp http();

    /** The base URI of {@code service} in {@code region} (null: the global endpoint), overrides applied. */
    URI endpoint(String service, @Nullable String region);

    /** The project id of {@code region}: configured, else looked up through IAM once and cached. */
    String projectId(String region);

    /**
     * The clock the rules judge with ({@code ScmPush.Builder.clock}), which may be fixed or offset: do not
     * sign, wait or rate-limit with it; use the system clock for those.
     *
     * @return the rules' clock
     */
    Clock clock();

    /** Free-form settings for plugins; empty unless configured. */
    Map<String, String> settings();
}
