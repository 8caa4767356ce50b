package io.scmpush;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * How a failed Huawei Cloud call is retried: exponential backoff with full jitter, capped, honouring
 * {@code Retry-After}; throttling (429), 502/503/504 and I/O errors are retried, authentication
 * failures never (five failed attempts lock an access key for five minutes). Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder()
 *         .maxAttempts(5)
 *         .base(Duration.ofMillis(500))
 *         .cap(Duration.ofSeconds(10))
 *         .retryIf(failure -> !failure.code().equals("THROTTLED"))   // give up at once when throttled
 *         .build();
 * }</pre>
 *
 * <p>The {@linkplain Builder#retryIf retry predicate} chooses among the failures that are safe to send again;
 * it can decline a retry, never force an unsafe one: a write whose failure leaves open whether the service
 * acted on it (a timeout, a 502) is not resent blindly whatever the predicate says, and an authentication
 * failure is never retried.
 */
public final class RetryPolicy {
    private static final Predicate<CloudServiceException> ANY_SAFE = failure -> true;
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).base(Duration.ZERO).cap(Duration.ZERO).build();

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Predicate<CloudServiceException> retryIf;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.base = b.base;
        this.cap = b.cap;
        this.retryIf = b.retryIf;
    }

    /** {@return the default policy: three attempts, 200 ms base, 5 s cap, every safe retry} */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy of one attempt and no retry} */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * A policy of your own, retrying every failure that is safe to retry.
     *
     * @param maxAttempts attempts in all, the first included (1 = no retry)
     * @param base the backoff before the first retry is drawn from [0, base]; it doubles each retry
     * @param cap no backoff exceeds this
     * @return the policy
     * @throws ConfigurationException {@code INVALID_ARGUMENT} unless {@code maxAttempts >= 1} and
     *     {@code 0 <= base <= cap}
     */
    public static RetryPolicy of(int maxAttempts, Duration base, Duration cap) {
        return builder().maxAttempts(maxAttempts).base(base).cap(cap).build();
    }

    /** {@return a builder that starts from {@link #defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this policy} */
    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).base(base).cap(cap).retryIf(retryIf);
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

    /**
     * Which failures, among those safe to send again, are retried.
     *
     * @return the predicate given to {@link Builder#retryIf}; by default true for every failure
     */
    public Predicate<CloudServiceException> retryPredicate() {
        return retryIf;
    }

    /**
     * The wait before a retry when the service named none: full jitter, uniform in
     * [0, min(cap, base &middot; 2<sup>retry-1</sup>)].
     *
     * @param retry which retry this is: 1 for the first
     * @return a fresh random draw each call
     * @throws IllegalArgumentException when {@code retry < 1}
     */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, was " + retry);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        int shift = Math.min(retry - 1, 62);
        long ceiling = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
        return Duration.ofNanos(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /**
     * Equal when the attempts, base and cap are equal and the predicate is the same object.
     *
     * @param o another object
     * @return whether {@code o} is a policy that retries alike
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy other && maxAttempts == other.maxAttempts && base.equals(other.base)
                && cap.equals(other.cap) && retryIf == other.retryIf;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, base, cap, System.identityHashCode(retryIf));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", base=" + base + ", cap=" + cap
                + (retryIf == ANY_SAFE ? "" : ", retryIf=custom") + "]";
    }

    /** Builds a {@link RetryPolicy}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration base = Duration.ofMillis(200);
        private Duration cap = Duration.ofSeconds(5);
        private Predicate<CloudServiceException> retryIf = ANY_SAFE;

        private Builder() {}

        /**
         * Attempts in all.
         *
         * @param maxAttempts the first attempt included: 1 sends each call once; default 3
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The upper bound of the first backoff; it doubles for each further retry, up to the cap.
         *
         * @param base default 200 ms
         * @return this builder
         * @throws NullPointerException when {@code base} is null
         */
        public Builder base(Duration base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * The longest backoff.
         *
         * @param cap default 5 s
         * @return this builder
         * @throws NullPointerException when {@code cap} is null
         */
        public Builder cap(Duration cap) {
            this.cap = Objects.requireNonNull(cap, "cap");
            return this;
        }

        /**
         * Which failures to retry, among those the transport may safely send again (throttling, 502/503/504,
         * I/O errors; a write only when the failure proves it was not acted on). The predicate sees each
         * failed attempt's exception ({@link CloudServiceException#code()}, {@code httpStatus()},
         * {@code errorCode()}) and must be thread-safe; it never makes an unsafe retry happen.
         *
         * @param retryIf true to retry; default: every safe retry
         * @return this builder
         * @throws NullPointerException when {@code retryIf} is null
         */
        public Builder retryIf(Predicate<CloudServiceException> retryIf) {
            this.retryIf = Objects.requireNonNull(retryIf, "retryIf");
            return this;
        }

        /**
         * The policy.
         *
         * @return an immutable policy
         * @throws ConfigurationException {@code INVALID_ARGUMENT} unless {@code maxAttempts >= 1} and
         *     {@code 0 <= base <= cap}
         */
        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                        "maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0) {
                throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                        "need 0 <= base <= cap, was base " + base + ", cap " + cap);
            }
            return new RetryPolicy(this);
        }
    }
}
