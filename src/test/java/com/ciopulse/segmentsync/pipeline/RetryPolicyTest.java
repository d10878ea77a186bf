package com.ciopulse.segmentsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void backoffDoublesUpToTheCapAndStopsAfterTheLastAttempt() {
        RetryPolicy policy = new RetryPolicy(5, 100, 350, 2.0, 0, 1000, Duration.ofMinutes(10), clock);

        assertThat(policy.delayBeforeRetry(1, null)).isEqualTo(100);
        assertThat(policy.delayBeforeRetry(2, null)).isEqualTo(200);
        assertThat(policy.delayBeforeRetry(3, null)).isEqualTo(350);
        assertThat(policy.delayBeforeRetry(4, null)).isEqualTo(350);
        assertThat(policy.delayBeforeRetry(5, null)).isEqualTo(-1);
    }

    @Test
    void aThrottledRecordWaitsItsRetryAfterWithinItsBudgetWhateverItsAttempts() {
        RetryPolicy policy = new RetryPolicy(1, 100, 1_000, 2.0, 0, 120_000, Duration.ofSeconds(60), clock);
        Instant now = clock.instant();

        assertThat(policy.delayWhileThrottled(Date.from(now), "7")).isEqualTo(7000);
        assertThat(policy.delayWhileThrottled(Date.from(now), null)).isEqualTo(100);
        assertThat(policy.delayWhileThrottled(Date.from(now.minusSeconds(55)), "7")).isEqualTo(5000);
        assertThat(policy.delayWhileThrottled(Date.from(now.minusSeconds(60)), "7")).isEqualTo(-1);
    }

    @Test
    void jitterStaysWithinItsShare() {
        RetryPolicy policy = new RetryPolicy(3, 1000, 10_000, 2.0, 0.2, 1000, Duration.ofMinutes(10), clock);

        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayBeforeRetry(1, null)).isBetween(800L, 1200L);
        }
    }

    @Test
    void retryAfterInSecondsOrAsADateWinsOverTheBackoffUpToItsOwnCap() {
        RetryPolicy policy = new RetryPolicy(3, 100, 1_000, 2.0, 0.5, 120_000, Duration.ofMinutes(10), clock);

        assertThat(policy.delayBeforeRetry(1, "7")).isEqualTo(7000);
        assertThat(policy.delayBeforeRetry(1, "Fri, 27 Nov 2026 10:00:30 GMT")).isEqualTo(30_000);
        assertThat(policy.delayBeforeRetry(1, "3600")).isEqualTo(120_000);
        assertThat(policy.delayBeforeRetry(1, "soon")).isBetween(50L, 150L);
        assertThat(policy.delayBeforeRetry(3, "1")).isEqualTo(-1);
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new RetryPolicy(0, 1, 1, 2, 0, 1, Duration.ofMinutes(10)))
                .hasMessageContaining("sync.segments-api.retry.max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, 1, 1, 2, 1.5, 1, Duration.ofMinutes(10)))
                .hasMessageContaining("sync.segments-api.retry.jitter");
    }
}
