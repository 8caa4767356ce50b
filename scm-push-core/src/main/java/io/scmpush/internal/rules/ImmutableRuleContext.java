package io.scmpush.internal.rules;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushRecord;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.TargetInventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@link RuleContext} that {@link RuleContext#builder()} builds: copies of everything it was given. */
public record ImmutableRuleContext(Certificate certificate, List<PushTarget> targets, Instant now,
        DuplicatePolicy duplicatePolicy, Map<String, ProviderDescriptor> descriptors,
        Map<InventoryKey, TargetInventory> inventories, List<PushRecord> history) implements RuleContext {

    /** Where an inventory was read; region null for a global service. */
    public record InventoryKey(String service, @Nullable String region) {}

    public ImmutableRuleContext {
        targets = List.copyOf(targets);
        descriptors = Map.copyOf(descriptors);
        inventories = Map.copyOf(inventories);
        history = List.copyOf(history);
    }

    @Override
    public Optional<ProviderDescriptor> descriptor(String service) {
        return Optional.ofNullable(descriptors.get(service));
    }

    @Override
    public Optional<TargetInventory> inventory(String service, @Nullable String region) {
        return Optional.ofNullable(inventories.get(new InventoryKey(service, region)));
    }
}
