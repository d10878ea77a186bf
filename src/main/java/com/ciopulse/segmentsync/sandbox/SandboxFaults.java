package com.ciopulse.segmentsync.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Failures the sandbox injects, so clients can be tested against a misbehaving API. Thread-safe; every setting
 * applies to requests that arrive after it was made.
 *
 * <p>{@code failNext}, {@code hangNext} and {@code dropNext} queue up: {@code failNext(2, 503).dropNext(1)} makes
 * the next two requests answer 503 and the third lose its connection. A request that meets a fault is journaled
 * but has no effect on the stored segments. The methods return {@code this} so calls can be chained.
 */
public final class SandboxFaults {

    // one entry per request still to be hit; guarded by this
    private final Deque<InjectedFault> queued = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean credentialsRejected;
    private final ConcurrencyCap cap = new ConcurrencyCap();

    /**
     * Delays every answer by this much (errors, injected failures and dropped connections included; hung requests
     * stay hung); {@link Duration#ZERO} to stop.
     */
    public SandboxFaults latency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** The next {@code count} requests answer {@code status} (400-599) with the JSON error body. */
    public SandboxFaults failNext(int count, int status) {
        return failNext(count, status, null);
    }

    /**
     * The next {@code count} requests answer {@code status} (400-599) with the JSON error body and, when
     * {@code retryAfterSeconds} is not null, a {@code Retry-After} header holding it (e.g. for 429 or 503).
     */
    public SandboxFaults failNext(int count, int status, Integer retryAfterSeconds) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status (400-599), not " + status);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative: " + retryAfterSeconds);
        }
        return queue(count, InjectedFault.fail(status, retryAfterSeconds));
    }

    /**
     * The next {@code count} requests get no answer: the connection stays open until the sandbox closes or
     * {@link SegmentsSandbox#HANG_LIMIT} passes, then it is closed without an answer. Client timeouts fire; the
     * sandbox keeps serving other requests meanwhile.
     */
    public SandboxFaults hangNext(int count) {
        return queue(count, InjectedFault.HANG);
    }

    /**
     * The next {@code count} requests have their connection closed without any answer; the client sees an I/O
     * error (the JDK HttpClient: "header parser received no bytes"). Note that the JDK HttpClient silently
     * resends a dropped GET once, so a GET needs two drops to fail; PUT and DELETE are not resent.
     */
    public SandboxFaults dropNext(int count) {
        return queue(count, InjectedFault.DROP);
    }

    /**
     * From now on every request answers 401 "Invalid security credentials", whatever credentials it carries
     * ({@code true}), or credentials are checked normally again ({@code false}). Queued faults come first.
     */
    public SandboxFaults rejectCredentials(boolean reject) {
        this.credentialsRejected = reject;
        return this;
    }

    /**
     * Throttles like a server of fixed capacity: from now on at most {@code maxConcurrent} requests are served at
     * once, and a request arriving while that many are served is answered at once (without the latency) with 429
     * and {@code Retry-After: retryAfterSeconds}; it is journaled, and queued faults are left for the requests served.
     */
    public SandboxFaults throttleAbove(int maxConcurrent, int retryAfterSeconds) {
        cap.set(maxConcurrent, retryAfterSeconds);
        return this;
    }

    /** Serves any number of requests at once again. */
    public SandboxFaults stopThrottling() {
        cap.off();
        return this;
    }

    /** Removes every fault: no latency, nothing queued, credentials checked normally, no throttling. */
    public synchronized void clear() {
        queued.clear();
        latency = Duration.ZERO;
        credentialsRejected = false;
        cap.off();
    }

    ConcurrencyCap cap() {
        return cap;
    }

    Duration latency() {
        return latency;
    }

    /** Takes the fault the next arriving request meets, if any. */
    synchronized Optional<InjectedFault> takeNext() {
        if (!queued.isEmpty()) {
            return Optional.of(queued.poll());
        }
        return credentialsRejected ? Optional.of(InjectedFault.REJECT_CREDENTIALS) : Optional.empty();
    }

    private synchronized SandboxFaults queue(int count, InjectedFault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        queued.addAll(Collections.nCopies(count, fault));
        return this;
    }
}
