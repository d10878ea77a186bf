package com.ciopulse.segmentsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.limit.SettableLimit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hold below a throttled level, against the library's settable limit and a clock the test moves. */
class ThrottleHoldLimitTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final SettableLimit latency = new SettableLimit(16);
    private final ThrottleHoldLimit limit = new ThrottleHoldLimit(latency, Duration.ofSeconds(30), now::get);

    @Test
    void aDropHalvesTheLimitForTheHoldTime() {
        limit.onSample(now.get(), 1, 16, true);

        assertThat(limit.getLimit()).isEqualTo(8);
        now.addAndGet(29 * SECOND);
        limit.onSample(now.get(), 1, 8, false);
        assertThat(limit.getLimit()).isEqualTo(8);
        now.addAndGet(2 * SECOND);
        limit.onSample(now.get(), 1, 8, false);
        assertThat(limit.getLimit()).isEqualTo(16);
    }

    @Test
    void callsUnderWayBeforeTheHoldDoNotLowerItButEachCallSentUnderItDoes() {
        long burst = now.get();
        now.addAndGet(1);
        limit.onSample(burst, 1, 16, true);
        limit.onSample(burst, 1, 2, true); // the same burst, answered a little later

        assertThat(limit.getLimit()).isEqualTo(8);
        now.addAndGet(SECOND);
        limit.onSample(now.get(), 1, 8, true); // sent under the hold: still too many
        assertThat(limit.getLimit()).isEqualTo(7);
    }

    @Test
    void aProbeThatFailsRightAfterTheHoldGoesBackToTheLevelThatHeld() {
        limit.onSample(now.get(), 1, 16, true);
        now.addAndGet(SECOND);
        limit.onSample(now.get(), 1, 8, true);
        now.addAndGet(31 * SECOND);
        limit.onSample(now.get(), 1, 7, false);
        assertThat(limit.getLimit()).isEqualTo(16);

        limit.onSample(now.get(), 1, 9, true); // one of the probe's burst

        assertThat(limit.getLimit()).isEqualTo(7);
    }

    @Test
    void theLatencyLimitRulesBelowTheHold() {
        limit.onSample(now.get(), 1, 16, true);
        latency.setLimit(4);

        assertThat(limit.getLimit()).isEqualTo(4);
    }
}
