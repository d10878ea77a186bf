package com.ciopulse.segmentsync.api;

import com.netflix.concurrency.limits.Limit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A latency-based limit of the concurrency-limits library, held below the level at which the API said it was
 * overloaded. Gradient2 reads latency only, and grows the limit by a call or so per answer, which against a
 * server of fixed capacity means a 429 every few answers, each pausing every call for its {@code Retry-After}.
 * So a dropped call (429, 503, no answer) halves the limit and holds it there for the hold time:
 * <ul>
 *   <li>the calls already under way when the hold began are not counted again: they met the API before it could
 *       react (as TCP reacts once per window);</li>
 *   <li>a call sent under the hold that is dropped too lowers the hold by one: the level is still too high;</li>
 *   <li>after the hold the latency limit rules again, so the limit rises back when the API's capacity grew. If the
 *       API drops a call within one hold time of the end of the last one, the probe failed: the limit goes back to
 *       the level that held.</li>
 * </ul>
 * The count of calls in flight that a dropped call met says little: after a pause the calls leave together and
 * reach the API in any order. A capacity that did not grow costs one throttled answer (and its pause) per hold time.
 */
final class ThrottleHoldLimit implements Limit {

    private final Limit latencyLimit;
    private final long holdNanos;
    private final LongSupplier nanoClock;
    private final List<Consumer<Integer>> listeners = new CopyOnWriteArrayList<>();
    private int heldBelow = Integer.MAX_VALUE; // guarded by this
    private long heldSinceNanos; // guarded by this
    private long heldUntilNanos; // guarded by this
    private volatile int limit;

    ThrottleHoldLimit(Limit latencyLimit, Duration hold, LongSupplier nanoClock) {
        this.latencyLimit = latencyLimit;
        this.holdNanos = hold.toNanos();
        this.nanoClock = nanoClock;
        this.heldUntilNanos = nanoClock.getAsLong() - holdNanos; // no hold, and none that just ended
        this.heldSinceNanos = heldUntilNanos;
        this.limit = latencyLimit.getLimit();
        latencyLimit.notifyOnChange(latest -> publish());
    }

    @Override
    public int getLimit() {
        return limit;
    }

    @Override
    public void notifyOnChange(Consumer<Integer> consumer) {
        listeners.add(consumer);
    }

    @Override
    public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
        if (didDrop) {
            // the latency limit does not see it: a quick refusal is no sign of a quick API
            dropped(startTime);
        } else {
            latencyLimit.onSample(startTime, rtt, inflight, false);
        }
        publish();
    }

    private synchronized void dropped(long startTime) {
        long now = nanoClock.getAsLong();
        if (holding(now)) {
            if (startTime - heldSinceNanos < 0) {
                return; // under way before the hold began
            }
            heldBelow = Math.max(1, heldBelow - 1);
        } else {
            if (now - heldUntilNanos >= holdNanos) {
                heldBelow = Math.max(1, limit / 2);
            } // else the probe after the last hold failed: back to the level that held
            heldSinceNanos = now;
        }
        heldUntilNanos = now + holdNanos;
    }

    private boolean holding(long now) {
        return heldUntilNanos - now > 0;
    }

    private synchronized void publish() {
        int latest = latencyLimit.getLimit();
        int next = holding(nanoClock.getAsLong()) ? Math.min(heldBelow, latest) : latest;
        if (next != limit) {
            limit = next;
            listeners.forEach(listener -> listener.accept(next));
        }
    }

    @Override
    public String toString() {
        return "ThrottleHoldLimit[limit=" + limit + ", " + latencyLimit + "]";
    }
}
