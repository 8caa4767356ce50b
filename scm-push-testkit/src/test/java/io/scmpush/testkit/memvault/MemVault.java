package io.scmpush.testkit.memvault;

import io.scmpush.spi.RemoteCertificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory certificate store with slots that serve one certificate each: the "service" of the
 * {@link MemVaultProvider}, shared with the {@link MemVaultBackend} that observes it. Thread-safe.
 */
public final class MemVault {
    private final Map<String, List<RemoteCertificate>> held = new HashMap<>();
    private final Map<String, @Nullable String> slots = new HashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private long writes;
    private int nextId;

    synchronized List<RemoteCertificate> certificates(String region) {
        return List.copyOf(held.getOrDefault(region, List.of()));
    }

    synchronized RemoteCertificate store(String region, String name, String fingerprint,
            java.time.Instant notAfter) {
        writes++;
        RemoteCertificate stored = new RemoteCertificate("mv-" + (++nextId), name, fingerprint, notAfter);
        held.computeIfAbsent(region, r -> new ArrayList<>()).add(stored);
        return stored;
    }

    synchronized boolean available(String region) {
        return !disabled.contains(region);
    }

    /** Whether the next call in the region fails; each injected failure fires once. */
    synchronized boolean failsNow(String region) {
        return failing.remove(region);
    }

    synchronized long writes() {
        return writes;
    }

    synchronized void disable(String region) {
        disabled.add(region);
    }

    synchronized void failNext(String region) {
        failing.add(region);
    }

    synchronized String addSlot(String region) {
        String id = region + "/slot-" + (++nextId);
        slots.put(id, null);
        return id;
    }

    synchronized Optional<Optional<String>> slot(String id) {
        return slots.containsKey(id) ? Optional.of(Optional.ofNullable(slots.get(id))) : Optional.empty();
    }

    synchronized @Nullable String setSlot(String id, String certificateId) {
        writes++;
        return slots.put(id, certificateId);
    }

    synchronized Optional<RemoteCertificate> byId(String id) {
        return held.values().stream().flatMap(List::stream).filter(c -> c.id().equals(id)).findFirst();
    }
}
