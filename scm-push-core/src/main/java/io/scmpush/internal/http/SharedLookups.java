package io.scmpush.internal.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values looked up once per key and kept: concurrent callers of one key share one lookup, and a failed
 * lookup is not kept, so the next caller tries again. Thread-safe.
 */
final class SharedLookups<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> resolved = new ConcurrentHashMap<>();

    /** The value of {@code key}, looked up by {@code lookUp} unless a lookup of it ended or is under way. */
    V get(K key, Function<K, V> lookUp) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = resolved.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(lookUp.apply(key));
            } catch (RuntimeException | Error e) {
                // Waiters must hear of any failure, an Error too, or they would wait forever.
                resolved.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            // Rethrow the lookup's own exception: its type and code are what the caller handles.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
