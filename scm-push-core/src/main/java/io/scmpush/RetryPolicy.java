package io.scmpush;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failed Huawei Cloud call is retried: exponential backoff with full jitter, capped, honouring
 * {@code Retry-After}; throttling (429), 502/503/504 and I/O errors are retried, authentication
 * failures never (five failed attempts lock an access key for five minutes).
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;

    private RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
    }

    /** {@return the default policy: three attempts, 200 ms base, 5 s cap} */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy of one attempt and no retry} */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * A policy of your own.
     *
     * @param maxAttempts attempts in all, the first included (1 = no retry)
     * @param base the backoff before the first retry is drawn from [0, base]; it doubles each retry
     * @param cap no backoff exceeds this
     * @return the policy
     * @throws ConfigurationException {@code INVALID_ARGUMENT} unless {@code maxAttempts >= 1} and
     *     {@code 0 <= base <= cap}
     */
    public static RetryPolicy of(int maxAttempts, Duration base, Duration cap) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (maxAttempts < 1) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, "maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                    "need 0 <= base <= cap, was base " + base + ", cap " + cap);
        }
        return new RetryPolicy(maxAttempts, base, cap);
    }

    /** {@return the attempts in all, the first included} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return the upper bound of the first backoff, doubled for each further retry} */
    public Duration base() {
        return base;
    }

    /** {@return the longest backoff} */
    public Duration cap() {
        return cap;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy other && maxAttempts == other.maxAttempts && base.equals(other.base)
                && cap.equals(other.cap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, base, cap);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", base=" + base + ", cap=" + cap + "]";
    }
}
