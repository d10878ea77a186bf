package com.ciopulse.segmentsync.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pause every call of the API waits out: the server's {@code Retry-After} speaks of the API, not of the one
 * request that got it, so the other records' calls would only meet the same answer. Overlapping pauses end with
 * the latest.
 */
final class SharedPause {

    private final AtomicLong endsAtNanos = new AtomicLong(System.nanoTime());

    void pauseFor(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        endsAtNanos.accumulateAndGet(end, (current, next) -> next - current > 0 ? next : current);
    }

    boolean active() {
        return endsAtNanos.get() - System.nanoTime() > 0;
    }

    void awaitEnd() throws InterruptedException {
        long left;
        while ((left = endsAtNanos.get() - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
