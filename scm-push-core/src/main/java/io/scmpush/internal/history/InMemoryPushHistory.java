package io.scmpush.internal.history;

import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** {@link PushHistory#inMemory()}: the latest {@link #LIMIT} records per fingerprint, newest first. */
public final class InMemoryPushHistory implements PushHistory {
    private final Map<String, List<PushRecord>> byFingerprint = new ConcurrentHashMap<>();

    @Override
    public void record(PushRecord record) {
        Objects.requireNonNull(record, "record");
        // compute() is atomic per key, and every list it stores is immutable.
        byFingerprint.compute(record.fingerprint(), (fingerprint, older) -> prepend(record, older));
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        return byFingerprint.getOrDefault(Objects.requireNonNull(fingerprint, "fingerprint"), List.of());
    }

    /** {@code record} followed by the newest of {@code older}, at most {@link #LIMIT} in all; immutable. */
    static List<PushRecord> prepend(PushRecord record, @Nullable List<PushRecord> older) {
        // An array, not an ArrayList, a sub-list and a copy: this runs for every outcome.
        int kept = older == null ? 0 : Math.min(older.size(), LIMIT - 1);
        PushRecord[] all = new PushRecord[kept + 1];
        all[0] = record;
        for (int i = 0; i < kept; i++) {
            all[i + 1] = older.get(i);
        }
        return List.of(all);
    }
}
