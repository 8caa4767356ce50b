package io.scmpush.cdn.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code calls} calls in any window of {@code per}, on the given clock: a call that would exceed
 * it waits until the oldest of the last {@code calls} calls leaves the window. Each caller reserves its
 * start time under the lock and waits outside it, so callers start in arrival order. Thread-safe.
 */
final class CallRateLimiter {
    private static final System.Logger LOG = System.getLogger(CallRateLimiter.class.getName());

    private final int calls;
    private final Duration per;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Start times of the latest {@code calls} calls, oldest first; never decreasing. */
    private final Deque<Instant> starts = new ArrayDeque<>();

    CallRateLimiter(int calls, Duration per, Clock clock, Sleeper sleeper) {
        if (calls < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("need calls >= 1 and a positive window, was " + calls + " per " + per);
        }
        this.calls = calls;
        this.per = per;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits for real; tests give one that records instead. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** Waits, if needed, until one more call fits in the window, and counts it. */
    void acquire() throws InterruptedException {
        Instant start;
        synchronized (this) {
            Instant now = clock.instant();
            start = now;
            if (starts.size() == calls) {
                Instant freed = starts.removeFirst().plus(per);
                start = freed.isAfter(now) ? freed : now;
            }
            starts.addLast(start);
        }
        Duration wait = Duration.between(clock.instant(), start);
        if (!wait.isNegative() && !wait.isZero()) {
            LOG.log(System.Logger.Level.INFO, "CDN allows {0} certificate calls per {1}: waiting {2}", calls, per, wait);
            sleeper.sleep(wait);
        }
    }
}
