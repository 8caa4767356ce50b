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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RuleContext} that {@link RuleContext#builder()} and the engine build: copies of everything it was
 * given. The history may be given as a supplier, asked once and only when a rule reads it: most rules never
 * do, and a file history is read from disk.
 */
public final class ImmutableRuleContext implements RuleContext {
    private final Certificate certificate;
    private final List<PushTarget> targets;
    private final Instant now;
    private final DuplicatePolicy duplicatePolicy;
    private final Map<String, ProviderDescriptor> descriptors;
    private final Map<InventoryKey, TargetInventory> inventories;
    private final Supplier<List<PushRecord>> historySource;
    private volatile @Nullable List<PushRecord> history;

    /** Where an inventory was read; region null for a global service. */
    public record InventoryKey(String service, @Nullable String region) {}

    public ImmutableRuleContext(Certificate certificate, List<PushTarget> targets, Instant now,
            DuplicatePolicy duplicatePolicy, Map<String, ProviderDescriptor> descriptors,
            Map<InventoryKey, TargetInventory> inventories, List<PushRecord> history) {
        this(certificate, targets, now, duplicatePolicy, descriptors, inventories, () -> history);
        this.history = List.copyOf(history);
    }

    /** @param history read at the first {@link #history()}, never before */
    public ImmutableRuleContext(Certificate certificate, List<PushTarget> targets, Instant now,
            DuplicatePolicy duplicatePolicy, Map<String, ProviderDescriptor> descriptors,
            Map<InventoryKey, TargetInventory> inventories, Supplier<List<PushRecord>> history) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.targets = List.copyOf(targets);
        this.now = Objects.requireNonNull(now, "now");
        this.duplicatePolicy = Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
        this.descriptors = Map.copyOf(descriptors);
        this.inventories = Map.copyOf(inventories);
        this.historySource = Objects.requireNonNull(history, "history");
    }

    @Override
    public Certificate certificate() {
        return certificate;
    }

    @Override
    public List<PushTarget> targets() {
        return targets;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public DuplicatePolicy duplicatePolicy() {
        return duplicatePolicy;
    }

    @Override
    public Optional<ProviderDescriptor> descriptor(String service) {
        return Optional.ofNullable(descriptors.get(service));
    }

    @Override
    public Optional<TargetInventory> inventory(String service, @Nullable String region) {
        return Optional.ofNullable(inventories.get(new InventoryKey(service, region)));
    }

    @Override
    public List<PushRecord> history() {
        List<PushRecord> h = history;
        if (h == null) {
            synchronized (this) {
                h = history;
                if (h == null) {
                    h = List.copyOf(historySource.get());
                    history = h;
                }
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "RuleContext[" + certificate.name() + ", " + targets.size() + " targets, now=" + now + "]";
    }
}
