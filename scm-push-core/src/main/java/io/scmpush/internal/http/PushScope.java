package io.scmpush.internal.http;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the transport must respect for the push the current thread works for: the push's deadline, and
 * whether a write may still start. The engine {@linkplain #run runs} every provider call inside the
 * push's scope; {@link HuaweiCloudHttp} reads it from the calling thread, so a provider passes it on
 * without knowing (a provider that hands work to threads of its own leaves the scope behind, and its
 * calls are bounded by the request timeout only).
 *
 * <p>Writes are every request but {@code GET} and {@code HEAD}. Once {@link #stopWrites} returns, no
 * write of this scope starts: {@link #beginWrite()} and {@code stopWrites} take the same lock.
 * Thread-safe.
 */
public final class PushScope {
    public static final String CANCELLED = OutcomeCodes.CANCELLED;
    public static final String TIMEOUT = OutcomeCodes.TIMEOUT;

    private static final ThreadLocal<@Nullable PushScope> CURRENT = new ThreadLocal<>();

    /** {@link System#nanoTime()} at the deadline; meaningless without one. */
    private final long deadline;
    private final boolean bounded;
    /** Null while writes may start, else why they may not: {@link #CANCELLED} or {@link #TIMEOUT}. */
    private @Nullable String stoppedBy;

    private PushScope(long deadline, boolean bounded) {
        this.deadline = deadline;
        this.bounded = bounded;
    }

    /** A scope with no deadline. */
    public static PushScope unbounded() {
        return new PushScope(0, false);
    }

    /** A scope whose deadline is {@code timeout} from now; null means no deadline. */
    public static PushScope within(@Nullable Duration timeout) {
        return timeout == null ? unbounded() : new PushScope(System.nanoTime() + saturatedNanos(timeout), true);
    }

    /** The scope of the push the current thread works for; null outside a push (a provider used on its own). */
    public static @Nullable PushScope current() {
        return CURRENT.get();
    }

    /** Runs {@code work} with this scope as the current thread's, then restores the one before. */
    public <T> T run(Supplier<T> work) {
        PushScope outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public boolean hasDeadline() {
        return bounded;
    }

    /** {@link System#nanoTime()} at the deadline; only with {@link #hasDeadline()}. */
    public long deadlineNanos() {
        return deadline;
    }

    /** The time left before the deadline, zero once it passed; {@code null} without a deadline. */
    public @Nullable Duration remaining() {
        if (!bounded) {
            return null;
        }
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return bounded && deadline - System.nanoTime() <= 0;
    }

    /** One attempt's timeout: the request timeout, shrunk to the time left. */
    public Duration attemptTimeout(Duration requestTimeout) {
        Duration left = remaining();
        return left == null || left.compareTo(requestTimeout) >= 0 ? requestTimeout : left;
    }

    /**
     * Whether a write may start now; false once writes were {@linkplain #stopWrites stopped} or the deadline
     * passed.
     */
    public synchronized boolean beginWrite() {
        if (stoppedBy == null && expired()) {
            stoppedBy = TIMEOUT;
        }
        return stoppedBy == null;
    }

    /** From now on no write of this scope starts; the first reason given stays. */
    public synchronized void stopWrites(String reason) {
        if (stoppedBy == null) {
            stoppedBy = reason;
        }
    }

    /** Why writes stopped ({@link #CANCELLED} or {@link #TIMEOUT}), or null while they may start. */
    public synchronized @Nullable String stoppedBy() {
        return stoppedBy;
    }

    /**
     * The failure of a request this scope did not let start: code {@link #CANCELLED} or {@link #TIMEOUT},
     * status 0, and a cause that {@link #notSent} recognizes, so that nobody mistakes it for a request whose
     * fate is unknown.
     *
     * @param attempts how many times the request was sent before (retries that surely did not act)
     */
    public static CloudServiceException notSent(String code, String what, int attempts) {
        String why = TIMEOUT.equals(code) ? "the push's deadline passed" : "the push was cancelled";
        return CloudServiceException.builder(code, "Not sent: " + why + " before " + what).attempts(attempts)
                .cause(new NotSent()).build();
    }

    /** Whether {@code e} is a request that was refused before it was sent (see {@link #notSent}). */
    public static boolean notSent(CloudServiceException e) {
        return e.getCause() instanceof NotSent;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2; // centuries: no deadline in practice, and no overflow in the sum
        }
    }

    @Override
    public String toString() {
        return "PushScope[" + (bounded ? "remaining=" + remaining() : "no deadline")
                + (stoppedBy != null ? ", writes stopped: " + stoppedBy : "") + "]";
    }

    /** Marks a request that was never sent. */
    private static final class NotSent extends Exception {
        private static final long serialVersionUID = 1L;

        NotSent() {
            super("not sent", null, false, false);
        }
    }
}
