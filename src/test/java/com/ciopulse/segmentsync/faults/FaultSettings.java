package com.ciopulse.segmentsync.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The suite's settings: short timeouts and backoff so that each fault costs seconds, not the product defaults'
 * minutes. Assertions on waits derive their bounds from these values.
 */
final class FaultSettings {

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_ATTEMPTS = 4;
    static final Duration MAX_RETRY_DELAY = Duration.ofMillis(100);
    /** What a busy machine (2 cores, several JVMs) may add between a wait's end and the next attempt's arrival. */
    static final Duration SCHEDULING_SLACK = Duration.ofSeconds(1);
    /**
     * How much later than the client sent it the sandbox may journal a request on a busy machine: a client's timeout
     * runs from the sending, the journal times the arrival.
     */
    static final Duration JOURNAL_LAG = Duration.ofMillis(250);

    private FaultSettings() {
    }

    /** The sync's settings, whatever runs it: the bundle in this JVM or a runner JVM. */
    static Map<String, String> sync() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sync.segments-api.response-timeout-ms", String.valueOf(RESPONSE_TIMEOUT.toMillis()));
        settings.put("sync.segments-api.retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
        settings.put("sync.segments-api.retry.initial-delay-ms", "10");
        settings.put("sync.segments-api.retry.max-delay-ms", String.valueOf(MAX_RETRY_DELAY.toMillis()));
        settings.put("sync.segments-api.retry.jitter", "0");
        settings.put("sync.segments-api.circuit-breaker.open-seconds", "1");
        settings.put("sync.segments-api.credential-probe-seconds", "1");
        return settings;
    }

    /** {@link #sync()} plus these, as the properties of a {@code SyncHarness}. */
    static Properties harness(Map<String, String> more) {
        Properties properties = new Properties();
        properties.putAll(sync());
        properties.putAll(more);
        return properties;
    }
}
