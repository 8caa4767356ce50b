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

    Certificate certificate();

    /** The request's targets, in the order they were added. */
    List<PushTarget> targets();

    /** The only clock a rule may read. */
    Instant now();

    DuplicatePolicy duplicatePolicy();

    /** The descriptor of the provider installed for {@code service}; empty when none is. */
    Optional<ProviderDescriptor> descriptor(String service);

    /**
     * The inventory read for (service, region); region null for a global service. Empty when it was not
     * read (a plan before any read, or a read that failed): rules then stay silent about it.
     */
    Optional<TargetInventory> inventory(String service, @Nullable String region);

    /** The push history of this certificate, newest first. */
    List<PushRecord> history();

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

        public Builder certificate(Certificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** Adds one target after the ones already added. */
        public Builder target(PushTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /** The instant the rules judge validity against; required, because rules read no other clock. */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        /** Default {@link DuplicatePolicy#FAIL}. */
        public Builder duplicatePolicy(DuplicatePolicy policy) {
            this.duplicatePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Declares the provider of {@code descriptor.service()} installed, replacing an earlier one of that service. */
        public Builder descriptor(ProviderDescriptor descriptor) {
            descriptors.put(descriptor.service(), descriptor);
            return this;
        }

        /** What (service, region) holds; region null for a global service. Replaces an earlier one for that pair. */
        public Builder inventory(String service, @Nullable String region, TargetInventory inventory) {
            inventories.put(new ImmutableRuleContext.InventoryKey(Objects.requireNonNull(service, "service"), region),
                    Objects.requireNonNull(inventory, "inventory"));
            return this;
        }

        /** The certificate's push history, newest first; default empty. */
        public Builder history(List<PushRecord> history) {
            this.history = List.copyOf(history);
            return this;
        }

        /**
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
