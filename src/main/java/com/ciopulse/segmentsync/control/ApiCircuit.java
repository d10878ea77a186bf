package com.ciopulse.segmentsync.control;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker over the API's answers: when most recent calls failed (5xx, no answer), the sources
 * are suspended for a while instead of feeding more records into a failing API; after the wait the sources
 * resume and the next answers decide whether the circuit closes or opens again. Records already in flight
 * keep their own retries.
 */
public class ApiCircuit {

    static final String REASON = "Segments API keeps failing (circuit open)";
    private static final Logger LOG = LoggerFactory.getLogger(ApiCircuit.class);

    private final CircuitBreaker breaker;

    public ApiCircuit(SourceControl sources, int windowSize, float failureRatePercent, Duration openDuration) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(windowSize)
                .minimumNumberOfCalls(windowSize)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(openDuration)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        this.breaker = CircuitBreaker.of("segments-api", config);
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                LOG.error("The Segments API failed {}% of the last {} calls: sources suspended for {} s",
                        (int) breaker.getMetrics().getFailureRate(), windowSize, openDuration.toSeconds());
                sources.suspend(REASON);
            } else {
                sources.resume(REASON);
            }
        });
    }

    /**
     * Records one answer of the API; status 0 means no answer (timeout, connection error). A 429 is the API asking
     * to slow down, which the concurrency limit and the shared pause do (api/ApiConcurrency): no failure here.
     */
    public void answered(int status) {
        if (!breaker.tryAcquirePermission()) {
            return;
        }
        if (status == 429) {
            breaker.releasePermission();
        } else if (status == 0 || status >= 500) {
            breaker.onError(0, TimeUnit.MILLISECONDS, new IOException("HTTP " + status));
        } else {
            breaker.onSuccess(0, TimeUnit.MILLISECONDS);
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
