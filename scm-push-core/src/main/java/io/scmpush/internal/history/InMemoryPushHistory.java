package io.scmpush.internal.history;

import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link PushHistory#inMemory(int)}: the latest {@link #LIMIT} records per fingerprint, newest first, for at
 * most {@code maxCertificates} certificates; past that, the certificate least recently recorded or read is
 * forgotten, so that a long-lived process pushing ever new certificates holds a bounded history.
 */
public final class InMemoryPushHistory implements PushHistory {
    private final Map<String, List<PushRecord>> byFingerprint;

    /** @param maxCertificates how many certificates' records are kept, at least 1 */
    public InMemoryPushHistory(int maxCertificates) {
        if (maxCertificates < 1) {
            throw new IllegalArgumentException("maxCertificates must be at least 1, was " + maxCertificates);
        }
        // Access order: latest() and record() make a certificate the most recently used.
        this.byFingerprint = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<PushRecord>> eldest) {
                return size() > maxCertificates;
            }
        };
    }

    @Override
    public void record(PushRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (byFingerprint) { // every list stored is immutable, so readers need no copy
            byFingerprint.put(record.fingerprint(), prepend(record, byFingerprint.get(record.fingerprint())));
        }
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        synchronized (byFingerprint) {
            List<PushRecord> records = byFingerprint.get(fingerprint);
            return records != null ? records : List.of();
        }
    }

    /** {@code record} followed by the newest of {@code older}, at most {@link #LIMIT} in all; immutable. */
    static List<PushRecord> prepend(PushRecord record, @Nullable List<PushRecord> older) {
        // An array, not an ArrayList, a sub-list and a copy: this runs for every outcome.
        if (older == null) {
            return List.of(record);
        }
        int kept = Math.min(older.size(), LIMIT - 1);
        PushRecord[] all = new PushRecord[kept + 1];
        all[0] = record;
        for (int i = 0; i < kept; i++) {
            all[i + 1] = older.get(i);
        }
        return List.of(all);
    }
}
