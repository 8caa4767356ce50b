package io.scmpush.internal.engine;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.spi.PushProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Decides which provider serves each service id: an explicitly registered one, else the one that
 * {@link ServiceLoader} finds (class path {@code META-INF/services} and module path {@code provides}).
 * It never guesses between two candidates of equal standing.
 */
final class ProviderDiscovery {
    private ProviderDiscovery() {}

    /**
     * @return service id → provider, ordered by service id
     * @throws ConfigurationException {@code DUPLICATE_PROVIDER} when two explicit providers, or two
     *     discovered providers of a service without an explicit one, claim one service id;
     *     {@code PROVIDER_LOAD_FAILED} when a registered provider class cannot be loaded
     */
    static Map<String, PushProvider> resolve(List<PushProvider> explicit, boolean discover, ClassLoader loader) {
        Map<String, PushProvider> chosen = new TreeMap<>();
        for (PushProvider provider : explicit) {
            PushProvider earlier = chosen.putIfAbsent(provider.descriptor().service(), provider);
            if (earlier != null) {
                throw duplicate(provider.descriptor().service(), earlier, provider,
                        "Both were registered with ScmPush.builder().provider(...); register only one.");
            }
        }
        if (!discover) {
            return chosen;
        }
        Map<String, PushProvider> discovered = new TreeMap<>();
        try {
            for (PushProvider provider : ServiceLoader.load(PushProvider.class, loader)) {
                String service = provider.descriptor().service();
                if (chosen.containsKey(service)) {
                    continue; // an explicit provider wins over discovery
                }
                PushProvider earlier = discovered.putIfAbsent(service, provider);
                if (earlier != null) {
                    throw duplicate(service, earlier, provider, "Remove one of them from the class path or module "
                            + "path, or choose one with ScmPush.builder().provider(...).");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException(ConfigurationCodes.PROVIDER_LOAD_FAILED,
                    "A push provider registered for java.util.ServiceLoader cannot be loaded: " + e.getMessage()
                            + ". Fix or remove that module, or use discoverProviders(false) with explicit providers.",
                    e);
        }
        chosen.putAll(discovered);
        return chosen;
    }

    private static ConfigurationException duplicate(String service, PushProvider first, PushProvider second,
            String remedy) {
        return new ConfigurationException(ConfigurationCodes.DUPLICATE_PROVIDER, "Two providers serve the service '" + service + "': "
                + first.getClass().getName() + " and " + second.getClass().getName() + ". " + remedy);
    }
}
