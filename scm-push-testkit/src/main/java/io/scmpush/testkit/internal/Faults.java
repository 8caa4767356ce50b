package io.scmpush.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Failures queued for the next calls of a (service, region). A failure queued with no region fires on
 * the next call of that service in any region. Thread-safe.
 */
final class Faults {
    /** The status that stands for "throttled" in the queue: answered as API Gateway's 429 APIG.0308. */
    static final int THROTTLE = 429;

    private final Map<Key, Deque<Integer>> pending = new HashMap<>();

    synchronized void add(String service, @Nullable String region, int status) {
        pending.computeIfAbsent(new Key(service, region), k -> new ArrayDeque<>()).add(status);
    }

    /** Takes the failure due for a call of (service, region), the region's own first; 0 when none is. */
    synchronized int take(String service, @Nullable String region) {
        Integer status = poll(new Key(service, region));
        if (status == null && region != null) {
            status = poll(new Key(service, null));
        }
        return status == null ? 0 : status;
    }

    private @Nullable Integer poll(Key key) {
        Deque<Integer> queue = pending.get(key);
        return queue == null ? null : queue.poll();
    }

    private record Key(String service, @Nullable String region) {
        Key {
            Objects.requireNonNull(service);
        }
    }
}
