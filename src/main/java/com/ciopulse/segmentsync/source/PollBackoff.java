package com.ciopulse.segmentsync.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces out the polls of a source whose system fails: after each failed poll in a row the wait doubles, from
 * the poll delay up to a maximum, and the first poll that works again resets it. One log line per failed poll
 * says what failed and when the next attempt is; one line says when the source works again.
 *
 * <p>A route asks {@link #due()} on every tick of its timer and skips the poll while it is false.
 */
public class PollBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(PollBackoff.class);

    private final Clock clock;
    private long delay = 5_000;
    private long maxDelay = 300_000;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    public PollBackoff() {
        this(Clock.systemUTC());
    }

    PollBackoff(Clock clock) {
        this.clock = clock;
    }

    /** Whether the source may poll now: always, unless it is waiting after a failure. */
    public synchronized boolean due() {
        return !clock.instant().isBefore(nextAttempt);
    }

    /** Records a failed poll and logs it with the time of the next attempt. */
    public synchronized void failed(String source, Exception error) {
        failures++;
        Duration wait = Duration.ofMillis(waitMillis());
        nextAttempt = clock.instant().plus(wait);
        LOG.warn("Source '{}' failed to poll ({} in a row): {}. Nothing was acknowledged; next attempt in {} s",
                source, failures, error.getMessage(), wait.toMillis() / 1000.0);
    }

    /** Records a poll that worked; logs the recovery when polls had failed before. */
    public synchronized void succeeded(String source) {
        if (failures > 0) {
            LOG.info("Source '{}' polls again after {} failed poll(s)", source, failures);
        }
        failures = 0;
        nextAttempt = Instant.MIN;
    }

    public synchronized int failures() {
        return failures;
    }

    /** delay × 2^failures, capped at maxDelay. */
    private long waitMillis() {
        long wait = delay;
        for (int i = 0; i < failures && wait < maxDelay; i++) {
            wait *= 2;
        }
        return Math.min(wait, maxDelay);
    }

    public void setDelay(long delay) {
        this.delay = Math.max(1, delay);
    }

    public void setMaxDelay(long maxDelay) {
        this.maxDelay = Math.max(1, maxDelay);
    }
}
