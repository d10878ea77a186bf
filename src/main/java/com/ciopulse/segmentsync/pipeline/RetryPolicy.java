package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.net.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed call again: capped exponential backoff with jitter, or the server's
 * {@code Retry-After} when it sends one. This is the only retry layer (HttpClient's own retries are off and
 * Camel redelivery is not used), so the failed requests on the wire equal {@code maxAttempts}. A throttled answer
 * (the API asking to slow down) is no failed attempt: it is waited for and sent again within a time budget.
 */
public class RetryPolicy {

    private final int maxAttempts;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final double multiplier;
    private final double jitter;
    private final long maxRetryAfterMillis;
    private final Duration throttleBudget;
    private final Clock clock;

    /**
     * @param maxRetryAfterMillis the longest wait a server's {@code Retry-After} may ask for; the backoff's own cap
     *                            ({@code maxDelayMillis}) does not apply to it, since the server knows best when to
     *                            come back
     * @param throttleBudget      how long a record may keep meeting throttled answers, from the first of them
     */
    public RetryPolicy(int maxAttempts, long initialDelayMillis, long maxDelayMillis, double multiplier, double jitter,
                       long maxRetryAfterMillis, Duration throttleBudget) {
        this(maxAttempts, initialDelayMillis, maxDelayMillis, multiplier, jitter, maxRetryAfterMillis, throttleBudget,
                Clock.systemUTC());
    }

    RetryPolicy(int maxAttempts, long initialDelayMillis, long maxDelayMillis, double multiplier, double jitter,
                long maxRetryAfterMillis, Duration throttleBudget, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sync.segments-api.retry.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("sync.segments-api.retry.jitter must be between 0 and 1, not " + jitter);
        }
        this.maxAttempts = maxAttempts;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.multiplier = multiplier;
        this.jitter = jitter;
        if (throttleBudget.isNegative()) {
            throw new IllegalArgumentException("sync.segments-api.throttle-budget-seconds must not be negative, not "
                    + throttleBudget.toSeconds());
        }
        this.maxRetryAfterMillis = maxRetryAfterMillis;
        this.throttleBudget = throttleBudget;
        this.clock = clock;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The delay before the next attempt, or -1 when {@code attemptsSoFar} used up the attempts.
     *
     * @param attemptsSoFar requests already sent for this record
     * @param retryAfter    the answer's {@code Retry-After} header (seconds or an HTTP date), or null
     */
    public long delayBeforeRetry(int attemptsSoFar, String retryAfter) {
        if (attemptsSoFar >= maxAttempts) {
            return -1;
        }
        Long serverDelay = serverDelay(retryAfter);
        if (serverDelay != null) {
            return serverDelay;
        }
        double backoff = initialDelayMillis * Math.pow(multiplier, Math.max(0, attemptsSoFar - 1));
        long capped = (long) Math.min(backoff, maxDelayMillis);
        // jitter spreads retries of many records so they do not hit a recovering API at the same instant
        long spread = (long) (capped * jitter);
        return spread == 0 ? capped : capped - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1);
    }

    /**
     * The delay before sending a throttled record again: its {@code Retry-After} (at most the longest one followed),
     * else the initial backoff; never past the budget, and -1 once the budget is spent.
     *
     * @param throttledSince when the record met its first throttled answer
     * @param retryAfter     the answer's {@code Retry-After} header, or null
     */
    public long delayWhileThrottled(Date throttledSince, String retryAfter) {
        long left = throttleBudget.minus(Duration.between(throttledSince.toInstant(), clock.instant())).toMillis();
        if (left <= 0) {
            return -1;
        }
        Long serverDelay = serverDelay(retryAfter);
        return Math.min(serverDelay != null ? serverDelay : initialDelayMillis, left);
    }

    /** The wait a {@code Retry-After} asks for, at most the longest one followed; null when there is none. */
    private Long serverDelay(String retryAfter) {
        return RetryAfter.parse(retryAfter, clock.instant())
                .map(wait -> Math.min(wait.toMillis(), maxRetryAfterMillis)).orElse(null);
    }
}
