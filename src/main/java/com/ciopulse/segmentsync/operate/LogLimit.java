package com.ciopulse.segmentsync.operate;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * At most {@code maxLines} lines of one kind per interval; the lines over that are counted, and one line reports
 * the count when the interval ends. A storm of failures (every call timing out for minutes) must not bury the rest
 * of the log, and an operator still learns how big it was. Thread-safe.
 *
 * <p>An interval begins with the first line after the previous one ended, so a quiet log costs no timer; the
 * count is reported by a one-shot task on {@code ticker}, scheduled only when a line was held back.
 */
public final class LogLimit {

    private final int maxLines;
    private final long intervalNanos;
    private final Duration interval;
    private final ScheduledExecutorService ticker;
    private final BiConsumer<Long, Duration> heldBack;

    // guarded by this
    private long windowStart;
    private long window;
    private boolean open;
    private int logged;
    private long skipped;

    /**
     * @param maxLines how many lines an interval logs; 0 logs none (only the counts)
     * @param heldBack told how many lines an interval held back, and the interval, when it held back any
     */
    public LogLimit(int maxLines, Duration interval, ScheduledExecutorService ticker, BiConsumer<Long, Duration> heldBack) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("the most lines per interval must be 0 or more, not " + maxLines);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of a log limit must be positive, not " + interval);
        }
        this.maxLines = maxLines;
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.heldBack = heldBack;
    }

    /** Whether the caller may log its line now; when not, the line is counted for the interval's report. */
    public boolean allow() {
        long reportNow;
        boolean allowed;
        synchronized (this) {
            long now = System.nanoTime();
            reportNow = 0;
            if (!open || now - windowStart >= intervalNanos) {
                // the report of an ended interval goes out before the first line of the next one
                reportNow = skipped;
                open = true;
                window++;
                windowStart = now;
                logged = 0;
                skipped = 0;
            }
            allowed = logged < maxLines;
            if (allowed) {
                logged++;
            } else if (skipped++ == 0) {
                long thisWindow = window;
                long left = Math.max(0, windowStart + intervalNanos - now);
                try {
                    ticker.schedule(() -> intervalEnded(thisWindow), left, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    // the context stops: the count goes out with the next line, if one comes
                }
            }
        }
        if (reportNow > 0) {
            heldBack.accept(reportNow, interval);
        }
        return allowed;
    }

    private void intervalEnded(long ended) {
        long count;
        synchronized (this) {
            if (window != ended || skipped == 0) {
                return; // a line after the interval already reported it
            }
            count = skipped;
            skipped = 0;
            open = false;
        }
        heldBack.accept(count, interval);
    }
}
