package com.ciopulse.segmentsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.testsupport.LogCapture;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** After each failed poll in a row the source waits twice as long, up to the cap; one good poll resets it. */
class PollBackoffTest {

    private final MovableClock clock = new MovableClock();
    private final PollBackoff backoff = new PollBackoff(clock);

    @Test
    void theWaitDoublesUpToTheCapAndAGoodPollResetsIt() {
        backoff.setDelay(1_000);
        backoff.setMaxDelay(5_000);
        try (LogCapture log = LogCapture.of(PollBackoff.class)) {
            assertThat(backoff.due()).isTrue();

            assertThat(waitAfterFailure()).isEqualTo(Duration.ofSeconds(2));
            assertThat(waitAfterFailure()).isEqualTo(Duration.ofSeconds(4));
            assertThat(waitAfterFailure()).isEqualTo(Duration.ofSeconds(5));
            assertThat(waitAfterFailure()).isEqualTo(Duration.ofSeconds(5));

            backoff.succeeded("erp-units");
            assertThat(backoff.due()).isTrue();
            assertThat(waitAfterFailure()).isEqualTo(Duration.ofSeconds(2));
            assertThat(log.lines()).startsWith(
                    "WARN Source 'erp-units' failed to poll (1 in a row): connection refused."
                            + " Nothing was acknowledged; next attempt in 2.0 s",
                    "WARN Source 'erp-units' failed to poll (2 in a row): connection refused."
                            + " Nothing was acknowledged; next attempt in 4.0 s");
            assertThat(log.lines()).contains("INFO Source 'erp-units' polls again after 4 failed poll(s)");
        }
    }

    /** Fails a poll, then finds how long the source has to wait, to the millisecond. */
    private Duration waitAfterFailure() {
        backoff.failed("erp-units", new SQLException("connection refused"));
        Duration waited = Duration.ZERO;
        while (!backoff.due()) {
            clock.advance(Duration.ofMillis(1));
            waited = waited.plusMillis(1);
        }
        return waited;
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
