package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void a_builder_left_alone_builds_the_defaults() {
        RetryPolicy built = RetryPolicy.builder().build();

        assertThat(built).isEqualTo(RetryPolicy.defaults()).hasSameHashCodeAs(RetryPolicy.defaults());
        assertThat(built.maxAttempts()).isEqualTo(3);
        assertThat(built.base()).isEqualTo(Duration.ofMillis(200));
        assertThat(built.cap()).isEqualTo(Duration.ofSeconds(5));
        assertThat(built.toString()).isEqualTo("RetryPolicy[maxAttempts=3, base=PT0.2S, cap=PT5S]");
    }

    @Test
    void of_and_the_builder_make_equal_policies() {
        assertThat(RetryPolicy.of(5, Duration.ofMillis(10), Duration.ofSeconds(1))).isEqualTo(
                RetryPolicy.builder().maxAttempts(5).base(Duration.ofMillis(10)).cap(Duration.ofSeconds(1)).build());
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void to_builder_keeps_every_setting_the_predicate_included() {
        Predicate<CloudServiceException> notThrottled = e -> !e.code().equals(OutcomeCodes.THROTTLED);
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).retryIf(notThrottled).build();

        RetryPolicy copy = policy.toBuilder().cap(Duration.ofSeconds(9)).build();

        assertThat(copy.maxAttempts()).isEqualTo(4);
        assertThat(copy.cap()).isEqualTo(Duration.ofSeconds(9));
        assertThat(copy.retryPredicate()).isSameAs(notThrottled);
        assertThat(copy).isNotEqualTo(policy);
        assertThat(policy.toBuilder().build()).isEqualTo(policy);
        assertThat(copy.toString()).endsWith(", retryIf=custom]");
    }

    @Test
    void the_default_predicate_accepts_every_failure_the_transport_may_retry() {
        CloudServiceException throttled = CloudServiceException.builder(OutcomeCodes.THROTTLED, "slow down").httpStatus(429)
                .retryable(true).attempts(1).build();

        assertThat(RetryPolicy.defaults().retryPredicate().test(throttled)).isTrue();
    }

    @Test
    void a_null_argument_fails_at_the_call_and_a_bad_range_at_build() {
        RetryPolicy.Builder builder = RetryPolicy.builder();

        assertThatThrownBy(() -> builder.base(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.retryIf(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
        assertThatThrownBy(() -> RetryPolicy.builder().base(Duration.ofSeconds(6)).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
    }

    @Test
    void backoff_draws_full_jitter_below_the_doubled_base_and_the_cap() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofMillis(250));

        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(policy.backoff(2)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(policy.backoff(9)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        }
        assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
