package io.scmpush.cdn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRateLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final CallRateLimiter limiter = new CallRateLimiter(20, Duration.ofMinutes(1), clock, wait -> {
        waits.add(wait);
        clock.advance(wait);
    });

    @Test
    void twenty_calls_in_a_minute_never_wait() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }

        assertThat(waits).isEmpty();
    }

    @Test
    void the_twenty_first_call_waits_until_the_first_leaves_the_minute() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
            clock.advance(Duration.ofSeconds(1));
        }

        limiter.acquire();

        assertThat(waits).containsExactly(Duration.ofSeconds(40));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void forty_calls_at_once_take_one_extra_minute_and_no_more() throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            limiter.acquire();
        }

        assertThat(waits).hasSize(1).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void calls_spread_over_more_than_a_minute_never_wait() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
            clock.advance(Duration.ofSeconds(3));
        }

        assertThat(waits).isEmpty();
    }
}
