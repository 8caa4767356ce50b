package io.scmpush.rules;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushRecord;
import io.scmpush.PushTarget;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.TargetInventory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Everything a rule may look at. Built without I/O by {@link #builder()}. */
public interface RuleContext {

    Certificate certificate();

    List<PushTarget> targets();

    Instant now();

    DuplicatePolicy duplicatePolicy();

    /** The descriptor of the provider installed for {@code service}; empty when none is. */
    Optional<ProviderDescriptor> descriptor(String service);

    /** The inventory read for (service, region); region null for a global service. */
    Optional<TargetInventory> inventory(String service, @Nullable String region);

    /** The push history of this certificate, newest first. */
    List<PushRecord> history();

    static Builder builder() {
        throw new UnsupportedOperationException("TODO(rules)");
    }

    /** Builds an immutable {@link RuleContext}. */
    interface Builder {
        Builder certificate(Certificate certificate);

        /** Adds one target. */
        Builder target(PushTarget target);

        Builder now(Instant now);

        Builder duplicatePolicy(DuplicatePolicy policy);

        Builder descriptor(ProviderDescriptor descriptor);

        Builder inventory(String service, @Nullable String region, TargetInventory inventory);

        Builder history(List<PushRecord> history);

        RuleContext build();
    }
}
