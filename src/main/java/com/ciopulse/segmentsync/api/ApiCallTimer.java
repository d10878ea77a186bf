package com.ciopulse.segmentsync.api;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import org.apache.camel.Exchange;

/**
 * Times every call of the Segments API into {@value SyncMetrics#API_REQUESTS} {@code {method, status}}. In Java
 * rather than with camel-micrometer's endpoints, which parse their name, description and tag expressions anew on
 * every call.
 */
public class ApiCallTimer {

    private static final String STARTED = "segmentSyncApiCallStartedNanos";

    private final SyncMetrics metrics;

    public ApiCallTimer(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /** Right before the request goes out. */
    public void start(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** Once the call answered or failed; the status is 0 when there was no answer. */
    public void stop(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started == null) {
            return; // the call did not go out
        }
        exchange.removeProperty(STARTED);
        metrics.apiCallTimed(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class),
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                System.nanoTime() - started);
    }
}
