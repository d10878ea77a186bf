package com.ciopulse.segmentsync.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's throttling, as a server with a fixed capacity does it: at most {@code maxConcurrent} requests are
 * served at once, and one that arrives while that many are served is answered 429 at once, with a
 * {@code Retry-After}. Thread-safe; off (no cap) until {@link #set(int, int)}.
 */
final class ConcurrencyCap {

    private static final int NONE = Integer.MAX_VALUE;

    private final AtomicInteger served = new AtomicInteger();
    private volatile int maxConcurrent = NONE;
    private volatile int retryAfterSeconds;

    void set(int maxConcurrent, int retryAfterSeconds) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, not " + maxConcurrent);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative: " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
        this.maxConcurrent = maxConcurrent;
    }

    void off() {
        maxConcurrent = NONE;
    }

    /** Counts a request in; false (and not counted) when the cap is reached. */
    boolean enter() {
        if (served.incrementAndGet() <= maxConcurrent) {
            return true;
        }
        served.decrementAndGet();
        return false;
    }

    /** Counts a request out, before its answer is sent: the client may send its next request as soon as it has it. */
    void leave() {
        served.decrementAndGet();
    }

    ApiResponse throttled() {
        return ApiResponse.error(429, "Too many requests at once (at most " + maxConcurrent + ")")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
