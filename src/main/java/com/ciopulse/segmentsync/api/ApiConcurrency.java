package com.ciopulse.segmentsync.api;

import com.ciopulse.segmentsync.net.RetryAfter;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * How many calls of the Segments API may be in flight at once, whoever makes them: the one place that gates the
 * calls. The API publishes no rate limit, so the number adapts, between 1 and the ceiling
 * {@code sync.segments-api.max-in-flight}, starting at {@code sync.segments-api.initial-in-flight}:
 * <ul>
 *   <li>Netflix's Gradient2 limit (concurrency-limits) raises it while answers stay as fast as their long-term
 *       average and lowers it when latency rises above it;</li>
 *   <li>an answer that says the API is overloaded (429, 502, 503, 504) or none at all (a timeout, a lost
 *       connection) halves it, and holds it there (lower if the API keeps refusing) for
 *       {@code sync.segments-api.throttle-hold-seconds} ({@link ThrottleHoldLimit});</li>
 *   <li>a 429 or 503 with {@code Retry-After} pauses every call for that long ({@link SharedPause}), not only the
 *       record that got it.</li>
 * </ul>
 * A caller waits for a slot; the pipeline keeps more records than the ceiling under way, so that while one
 * record's outcome is being stored another one's call already goes out.
 */
public class ApiConcurrency {

    /** The exchange property holding the limiter's ticket of the call under way. */
    static final String CALL = "syncApiCall";

    private final ThrottleHoldLimit limit;
    private final Limiter<Void> limiter;
    private final SharedPause pause = new SharedPause();
    private final Duration maxPause;

    /**
     * @param ceiling       the most calls at once ({@code sync.segments-api.max-in-flight})
     * @param initial       the limit before any answer came ({@code sync.segments-api.initial-in-flight}); at most
     *                      the ceiling
     * @param throttleHold  how long the limit is held down after an overloaded answer
     * @param maxPause      the longest pause a {@code Retry-After} may ask for
     * @param limitChanged  told of every new limit
     */
    public ApiConcurrency(int ceiling, int initial, Duration throttleHold, Duration maxPause, IntConsumer limitChanged) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("sync.segments-api.max-in-flight must be at least 1, not " + ceiling);
        }
        if (initial < 1) {
            throw new IllegalArgumentException("sync.segments-api.initial-in-flight must be at least 1, not " + initial);
        }
        if (throttleHold.isNegative()) {
            throw new IllegalArgumentException("sync.segments-api.throttle-hold-seconds must not be negative, not "
                    + throttleHold.toSeconds());
        }
        Gradient2Limit latency = Gradient2Limit.newBuilder()
                .initialLimit(Math.min(initial, ceiling))
                .minLimit(1)
                .maxConcurrency(ceiling)
                .build();
        this.limit = new ThrottleHoldLimit(latency, throttleHold, System::nanoTime);
        limit.notifyOnChange(limitChanged::accept);
        this.limiter = BlockingLimiter.wrap(SimpleLimiter.newBuilder().named("segments-api").limit(limit).build());
        this.maxPause = maxPause;
    }

    /** The calls allowed in flight now. */
    public int limit() {
        return limit.getLimit();
    }

    /** Waits until no pause holds the calls back and a slot is free; {@link #release(Exchange)} gives it back. */
    public void acquire(Exchange exchange) throws InterruptedException {
        while (true) {
            pause.awaitEnd();
            Limiter.Listener call = limiter.acquire(null).orElse(null);
            if (call == null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped while waiting to call the Segments API");
                }
                throw new IllegalStateException("no slot for a call of the Segments API within "
                        + BlockingLimiter.MAX_TIMEOUT);
            }
            if (!pause.active()) {
                exchange.setProperty(CALL, call);
                return;
            }
            call.onIgnore(); // a pause began while this call waited for its slot
        }
    }

    /**
     * Gives the slot back and tells the limit what the answer says about the API's capacity: a clean answer is a
     * latency sample; an overloaded answer or none drops the limit; a refusal of the credentials (401) or a
     * failed transaction (500) says nothing about capacity.
     */
    public void release(Exchange exchange) {
        Limiter.Listener call = exchange.getProperty(CALL, Limiter.Listener.class);
        if (call == null) {
            return; // the call did not go out
        }
        exchange.removeProperty(CALL);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        if (ThrottledAnswer.is(status, retryAfter)) {
            RetryAfter.parse(retryAfter, Instant.now())
                    .ifPresent(wait -> pause.pauseFor(wait.compareTo(maxPause) > 0 ? maxPause : wait));
        }
        if (overloaded(status)) {
            call.onDropped();
        } else if (status == 401 || status >= 500) {
            call.onIgnore();
        } else {
            call.onSuccess();
        }
    }

    private static boolean overloaded(int status) {
        return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** {@link #acquire(Exchange)} as a route step. */
    public Processor acquireStep() {
        return this::acquire;
    }

    /** {@link #release(Exchange)} as a route step. */
    public Processor releaseStep() {
        return this::release;
    }
}
