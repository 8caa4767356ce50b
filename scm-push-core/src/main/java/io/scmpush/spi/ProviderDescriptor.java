package io.scmpush.spi;

import io.scmpush.rules.PushRule;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider is, as data the rule engine reads.
 *
 * @param service the service id targets name, e.g. {@code waf}
 * @param displayName for messages, e.g. {@code Huawei Cloud WAF}
 * @param scope whether the service is pushed per region or once for the account
 * @param maxRegions regions one push may name; 0 for a {@link Scope#GLOBAL} provider
 * @param uniqueNames whether the service refuses two certificates with one name ({@code NAME_CONFLICT})
 * @param requiresPrivateKey whether a server certificate needs its key ({@code PRIVATE_KEY_REQUIRED})
 * @param rules this service's own rules, merged after the engine's; ids are their codes
 */
public record ProviderDescriptor(String service, String displayName, Scope scope, int maxRegions,
        boolean uniqueNames, boolean requiresPrivateKey, Map<String, PushRule> rules) {

    /**
     * Checks that the scope and the region limit agree.
     *
     * @param service the service id targets name, e.g. {@code waf}
     * @param displayName for messages, e.g. {@code Huawei Cloud WAF}
     * @param scope whether the service is pushed per region or once for the account
     * @param maxRegions regions one push may name; 0 for a {@link Scope#GLOBAL} provider
     * @param uniqueNames whether the service refuses two certificates with one name ({@code NAME_CONFLICT})
     * @param requiresPrivateKey whether a server certificate needs its key ({@code PRIVATE_KEY_REQUIRED})
     * @param rules this service's own rules, merged after the engine's; ids are their codes
     * @throws IllegalArgumentException when a {@link Scope#GLOBAL} provider has regions, or a
     *     {@link Scope#REGIONAL} one allows none
     */
    public ProviderDescriptor {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(scope, "scope");
        rules = Map.copyOf(rules);
        if (scope == Scope.GLOBAL && maxRegions != 0) {
            throw new IllegalArgumentException("a GLOBAL provider has maxRegions 0, was " + maxRegions);
        }
        if (scope == Scope.REGIONAL && maxRegions < 1) {
            throw new IllegalArgumentException("a REGIONAL provider needs maxRegions >= 1, was " + maxRegions);
        }
    }
}
