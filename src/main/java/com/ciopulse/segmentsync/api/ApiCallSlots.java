package com.ciopulse.segmentsync.api;

import java.util.concurrent.Semaphore;
import org.apache.camel.Processor;

/**
 * At most {@code max-in-flight} calls of the Segments API at once, whoever makes them. The pipeline keeps more
 * records than that under way, so that while one record's outcome is being stored another one's call already
 * goes out: the API sees the concurrency it allows, all the time.
 */
public class ApiCallSlots {

    private final Semaphore slots;

    public ApiCallSlots(int maxInFlight) {
        this.slots = new Semaphore(maxInFlight, true);
    }

    /** Waits for a free slot; the caller gives it back with {@link #release()} once the call answered or failed. */
    public void acquire() throws InterruptedException {
        slots.acquire();
    }

    public void release() {
        slots.release();
    }

    /** {@link #acquire()} as a route step. */
    public Processor acquireStep() {
        return exchange -> acquire();
    }

    /** {@link #release()} as a route step. */
    public Processor releaseStep() {
        return exchange -> release();
    }
}
