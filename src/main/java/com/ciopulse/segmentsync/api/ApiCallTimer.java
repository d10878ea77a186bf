package com.ciopulse.segmentsync.api;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.pipeline.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Times every call of the Segments API into {@value SyncMetrics#API_REQUESTS} {@code {method, status}}, the meter
 * camel-micrometer's timer endpoints made before: same name, description, tags and buckets. In Java because those
 * endpoints parse their tag expressions and match their header patterns on every call.
 */
public final class ApiCallTimer {

    private static final String STARTED = "segmentSyncApiCallStartedNanos";

    private final SyncMetrics metrics;

    public ApiCallTimer(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /** The step right before the request goes out. */
    public Processor start() {
        return exchange -> exchange.setProperty(STARTED, System.nanoTime());
    }

    /** The step once the call answered or failed; the status is 0 when there was no answer. */
    public Processor stop() {
        return this::stop;
    }

    private void stop(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started == null) {
            return; // the call did not go out
        }
        exchange.removeProperty(STARTED);
        metrics.apiCallTimed(exchange.getProperty(SyncProperties.HTTP_METHOD, String.class),
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                System.nanoTime() - started);
    }
}
