package io.scmpush.spi;

import io.scmpush.rules.PushRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider is, as data the rule engine reads. Immutable and thread-safe; a value: two descriptors
 * with equal fields are equal.
 *
 * <pre>{@code
 * ProviderDescriptor.builder("my-service", Scope.REGIONAL)
 *         .displayName("My service")
 *         .maxRegions(10)
 *         .rule("MY_RULE", myRule)
 *         .build();
 * }</pre>
 *
 * <p>A final class with a builder rather than a record, so that a field added later breaks no plugin.
 */
public final class ProviderDescriptor {
    private final String service;
    private final String displayName;
    private final Scope scope;
    private final int maxRegions;
    private final boolean uniqueNames;
    private final boolean requiresPrivateKey;
    private final Map<String, PushRule> rules;

    private ProviderDescriptor(Builder builder) {
        this.service = builder.service;
        this.displayName = builder.displayName == null ? builder.service : builder.displayName;
        this.scope = builder.scope;
        this.maxRegions = builder.maxRegions;
        this.uniqueNames = builder.uniqueNames;
        this.requiresPrivateKey = builder.requiresPrivateKey;
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(builder.rules));
    }

    /**
     * Starts a descriptor.
     *
     * @param service the service id targets name, e.g. {@code waf}: not blank
     * @param scope whether the service is pushed per region or once for the account
     * @return a builder; a {@link Scope#REGIONAL} provider must be given {@link Builder#maxRegions(int)}
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code service} is blank
     */
    public static Builder builder(String service, Scope scope) {
        return new Builder(service, scope);
    }

    /** {@return the service id targets name, e.g. {@code waf}} */
    public String service() {
        return service;
    }

    /** {@return the name for messages, e.g. {@code Huawei Cloud WAF}; the service id unless set} */
    public String displayName() {
        return displayName;
    }

    /** {@return whether the service is pushed per region or once for the account} */
    public Scope scope() {
        return scope;
    }

    /** {@return how many regions one push may name; 0 for a {@link Scope#GLOBAL} provider} */
    public int maxRegions() {
        return maxRegions;
    }

    /** {@return whether the service refuses two certificates with one name ({@code NAME_CONFLICT})} */
    public boolean uniqueNames() {
        return uniqueNames;
    }

    /** {@return whether a server certificate needs its key ({@code PRIVATE_KEY_REQUIRED})} */
    public boolean requiresPrivateKey() {
        return requiresPrivateKey;
    }

    /** {@return this service's own rules by id, in the order added; the engine evaluates them after its own, by id} */
    public Map<String, PushRule> rules() {
        return rules;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ProviderDescriptor d && service.equals(d.service) && displayName.equals(d.displayName)
                && scope == d.scope && maxRegions == d.maxRegions && uniqueNames == d.uniqueNames
                && requiresPrivateKey == d.requiresPrivateKey && rules.equals(d.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, displayName, scope, maxRegions, uniqueNames, requiresPrivateKey, rules);
    }

    @Override
    public String toString() {
        return "ProviderDescriptor[service=" + service + ", displayName=" + displayName + ", scope=" + scope
                + ", maxRegions=" + maxRegions + ", uniqueNames=" + uniqueNames + ", requiresPrivateKey="
                + requiresPrivateKey + ", rules=" + rules.keySet() + "]";
    }

    /** Builds a {@link ProviderDescriptor}; not thread-safe. */
    public static final class Builder {
        private final String service;
        private final Scope scope;
        private @Nullable String displayName;
        private int maxRegions;
        private boolean uniqueNames;
        private boolean requiresPrivateKey = true;
        private final Map<String, PushRule> rules = new LinkedHashMap<>();

        private Builder(String service, Scope scope) {
            this.service = Objects.requireNonNull(service, "service");
            this.scope = Objects.requireNonNull(scope, "scope");
            if (service.isBlank()) {
                throw new IllegalArgumentException("the service id is blank");
            }
        }

        /**
         * The name for messages.
         *
         * @param displayName e.g. {@code Huawei Cloud WAF}; default the service id
         * @return this builder
         * @throws NullPointerException when {@code displayName} is null
         */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * How many regions one push may name ({@code REGION_LIMIT}). Required for a {@link Scope#REGIONAL}
         * provider; a {@link Scope#GLOBAL} one has none.
         *
         * @param maxRegions at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code maxRegions} is below 1
         */
        public Builder maxRegions(int maxRegions) {
            if (maxRegions < 1) {
                throw new IllegalArgumentException("maxRegions must be at least 1, was " + maxRegions);
            }
            this.maxRegions = maxRegions;
            return this;
        }

        /**
         * Whether the service refuses two certificates with one name, so that {@code NAME_CONFLICT} applies.
         *
         * @param uniqueNames default false
         * @return this builder
         */
        public Builder uniqueNames(boolean uniqueNames) {
            this.uniqueNames = uniqueNames;
            return this;
        }

        /**
         * Whether a server certificate needs its private key, so that {@code PRIVATE_KEY_REQUIRED} applies.
         *
         * @param requiresPrivateKey default true: a TLS server needs the key of its certificate
         * @return this builder
         */
        public Builder requiresPrivateKey(boolean requiresPrivateKey) {
            this.requiresPrivateKey = requiresPrivateKey;
            return this;
        }

        /**
         * Adds one of this service's own rules; the engine evaluates them after its own, in the order of their ids.
         *
         * @param id the rule's id, which is also the code of its violations by convention
         * @param rule the rule; it keeps {@link PushRule}'s contract
         * @return this builder
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when a rule with this id was added already
         */
        public Builder rule(String id, PushRule rule) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(rule, "rule");
            if (rules.putIfAbsent(id, rule) != null) {
                throw new IllegalArgumentException("a rule with id " + id + " was added already");
            }
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         * @throws IllegalStateException when a {@link Scope#REGIONAL} provider was given no
         *     {@link #maxRegions(int)}, or a {@link Scope#GLOBAL} one was given one
         */
        public ProviderDescriptor build() {
            if (scope == Scope.REGIONAL && maxRegions == 0) {
                throw new IllegalStateException("the REGIONAL provider " + service + " needs maxRegions(n)");
            }
            if (scope == Scope.GLOBAL && maxRegions != 0) {
                throw new IllegalStateException("the GLOBAL provider " + service + " names no regions: remove "
                        + "maxRegions(" + maxRegions + ")");
            }
            return new ProviderDescriptor(this);
        }
    }
}
