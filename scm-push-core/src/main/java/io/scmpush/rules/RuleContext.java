package io.scmpush.rules;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushRecord;
import io.scmpush.PushTarget;
import io.scmpush.internal.rules.ImmutableRuleContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.TargetInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Everything a rule may look at. Built without I/O by {@link #builder()}. */
public interface RuleContext {

    /** {@return the certificate being pushed} */
    Certificate certificate();

    /** {@return the request's targets, in the order they were added} */
    List<PushTarget> targets();

    /** {@return the instant to judge validity against: the only clock a rule may read} */
    Instant now();

    /** {@return what the request does about a target that already holds the certificate} */
    DuplicatePolicy duplicatePolicy();

    /**
     * The descriptor of the provider installed for {@code service}.
     *
     * @param service a service id, such as {@code waf}
     * @return the descriptor; empty when no provider of that service is installed
     */
    Optional<ProviderDescriptor> descriptor(String service);

    /**
     * The inventory read for (service, region). Empty when it was not read (a plan before any read, or a
     * read that failed): rules then stay silent about it.
     *
     * @param service a service id, such as {@code waf}
     * @param region a region id; null for a global service
     * @return what the target holds, when it was read
     */
    Optional<TargetInventory> inventory(String service, @Nullable String region);

    /** {@return the push history of this certificate, newest first} */
    List<PushRecord> history();

    /**
     * Starts a context for evaluating rules without any I/O, in tests or other tools.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an immutable {@link RuleContext}. {@link #certificate(Certificate)} and {@link #now(Instant)}
     * are required; the duplicate policy defaults to {@link DuplicatePolicy#FAIL}. Not thread-safe.
     */
    final class Builder {
        private @Nullable Certificate certificate;
        private final List<PushTarget> targets = new ArrayList<>();
        private @Nullable Instant now;
        private DuplicatePolicy duplicatePolicy = DuplicatePolicy.FAIL;
        private final Map<String, ProviderDescriptor> descriptors = new HashMap<>();
        private final Map<ImmutableRuleContext.InventoryKey, TargetInventory> inventories = new HashMap<>();
        private List<PushRecord> history = List.of();

        private Builder() {}

        /**
         * The certificate the rules judge; required.
         *
         * @param certificate the certificate being pushed
         * @return this builder
         */
        public Builder certificate(Certificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * Adds one target after the ones already added.
         *
         * @param target a target of the request
         * @return this builder
         */
        public Builder target(PushTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * The instant the rules judge validity against; required, because rules read no other clock.
         *
         * @param now the rules' "now"
         * @return this builder
         */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        /**
         * What the request does about a target that already holds the certificate.
         *
         * @param policy default {@link DuplicatePolicy#FAIL}
         * @return this builder
         */
        public Builder duplicatePolicy(DuplicatePolicy policy) {
            this.duplicatePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Declares the provider of {@code descriptor.service()} installed, replacing an earlier one of that service.
         *
         * @param descriptor what the installed provider declares
         * @return this builder
         */
        public Builder descriptor(ProviderDescriptor descriptor) {
            descriptors.put(descriptor.service(), descriptor);
            return this;
        }

        /**
         * What (service, region) holds. Replaces an earlier one for that pair.
         *
         * @param service a service id, such as {@code waf}
         * @param region a region id; null for a global service
         * @param inventory what the target holds
         * @return this builder
         */
        public Builder inventory(String service, @Nullable String region, TargetInventory inventory) {
            inventories.put(new ImmutableRuleContext.InventoryKey(Objects.requireNonNull(service, "service"), region),
                    Objects.requireNonNull(inventory, "inventory"));
            return this;
        }

        /**
         * The certificate's push history; default empty.
         *
         * @param history the records, newest first; copied
         * @return this builder
         */
        public Builder history(List<PushRecord> history) {
            this.history = List.copyOf(history);
            return this;
        }

        /**
         * Builds the context.
         *
         * @return an immutable context
         * @throws IllegalStateException when the certificate or {@code now} is missing
         */
        public RuleContext build() {
            if (certificate == null) {
                throw new IllegalStateException("certificate(...) is required: the rules judge one certificate");
            }
            if (now == null) {
                throw new IllegalStateException(
                        "now(...) is required: rules read no clock but the context's, so pass the instant to judge against");
            }
            return new ImmutableRuleContext(certificate, targets, now, duplicatePolicy, descriptors, inventories,
                    history);
        }
    }
}
