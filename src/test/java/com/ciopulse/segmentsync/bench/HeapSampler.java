package com.ciopulse.segmentsync.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap in use, garbage included, on a daemon thread: what a benchmark's process really held at its
 * worst moment. Start it before the measured work, interrupt it after, then read {@link #peakBytes()}.
 */
public final class HeapSampler extends Thread {

    private final long intervalMillis;
    private final AtomicLong peak = new AtomicLong();

    public HeapSampler(Duration interval) {
        super("heap-sampler");
        this.intervalMillis = interval.toMillis();
        setDaemon(true);
    }

    /** The largest heap use sampled so far, in bytes. */
    public long peakBytes() {
        return peak.get();
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
