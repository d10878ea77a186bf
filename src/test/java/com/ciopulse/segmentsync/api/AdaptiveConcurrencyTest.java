package com.ciopulse.segmentsync.api;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adaptive concurrency of the API calls over real HTTP: the real routes and beans against a sandbox that
 * throttles like a server of fixed capacity (at most so many requests at once, 429 with Retry-After above).
 */
class AdaptiveConcurrencyTest {

    @TempDir
    Path dataDir;

    @Test
    void sustained429sDeadLetterNothing() throws Exception {
        // two attempts only: a client that spends its attempts on throttling dead-letters records here
        try (SyncHarness sync = start(Map.of("sync.segments-api.retry.max-attempts", "2"))) {
            sync.sandbox.faults().latency(Duration.ofMillis(20)).throttleAbove(2, 0);

            BatchResult result = syncBatch(sync, "T-", 80);

            assertThat(result.counts()).containsExactly(Map.entry(Outcome.CREATED, 80L));
            assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
            assertThat(sync.sandbox.segments()).hasSize(80);
            assertThat(sync.sandbox.requests()).extracting(RecordedRequest::status).contains(429);
            assertThat(registry(sync).find(SyncMetrics.API_THROTTLED).counters())
                    .anySatisfy(counter -> assertThat(counter.count()).isPositive());
        }
    }

    @Test
    void theLimitFallsUnder429sAndRisesAgainOnceTheCapIsLifted() throws Exception {
        try (SyncHarness sync = start(Map.of())) {
            assertThat(limit(sync)).isEqualTo(8.0);
            sync.sandbox.faults().latency(Duration.ofMillis(20)).throttleAbove(2, 0);

            syncBatch(sync, "FALL-", 60);

            assertThat(limit(sync)).isLessThanOrEqualTo(2.0);

            sync.sandbox.faults().stopThrottling();
            // the limit stays below the throttled level for the hold (1 s here), then rises with fast clean answers
            syncBatch(sync, "RISE-", 150);

            assertThat(limit(sync)).isGreaterThan(2.0);
        }
    }

    @Test
    void aRetryAfterPausesTheOtherRecordsCalls() throws Exception {
        try (SyncHarness sync = start(Map.of())) {
            sync.sync(upsert("FIRST", "F0", "First", null)); // the credentials confirmed: calls go out side by side
            sync.sandbox.faults().latency(Duration.ofMillis(5)).failNext(1, 429, 1);

            BatchResult result = syncBatch(sync, "P-", 40);

            assertThat(result.counts()).containsExactly(Map.entry(Outcome.CREATED, 40L));
            List<RecordedRequest> requests = sync.sandbox.requests();
            Instant throttled = requests.stream().filter(r -> r.status() == 429).findFirst().orElseThrow().arrivedAt();
            // calls already under way when the 429 came may arrive just after it; then none until the second is over
            assertThat(requests).noneMatch(r -> r.arrivedAt().isAfter(throttled.plusMillis(100))
                    && r.arrivedAt().isBefore(throttled.plusMillis(900)));
            assertThat(requests).anyMatch(r -> r.arrivedAt().isAfter(throttled.plusMillis(900)));
        }
    }

    @Test
    void aThrottledRecordFailsOnlyAfterItsTimeBudget() throws Exception {
        try (SyncHarness sync = start(Map.of("sync.segments-api.throttle-budget-seconds", "2",
                "sync.segments-api.retry.max-attempts", "2"))) {
            sync.sync(upsert("FIRST", "F0", "First", null));
            sync.sandbox.clearRequests();
            sync.sandbox.faults().failNext(100, 429, 1);
            long started = System.nanoTime();

            SegmentOutcome outcome = sync.sync(upsert("SLOW", "S1", "Slow", null));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.message()).startsWith("throttled by the Segments API for longer than the time budget"
                    + " of 2 s (sync.segments-api.throttle-budget-seconds), last HTTP status 429");
            // more requests than its two attempts: throttled answers used none of them
            assertThat(sync.sandbox.requests()).hasSizeGreaterThan(2).allMatch(r -> r.status() == 429);
            assertThat(sync.beans.deadLetterStore().countOpen()).isEqualTo(1);
        }
    }

    /** Up to 8 calls at once, starting at 8, and a short hold so that a test sees the limit rise again. */
    private SyncHarness start(Map<String, String> overrides) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.max-in-flight", "8");
        settings.setProperty("sync.segments-api.initial-in-flight", "8");
        settings.setProperty("sync.segments-api.throttle-hold-seconds", "1");
        settings.putAll(overrides);
        return SyncHarness.start(dataDir, settings);
    }

    private static BatchResult syncBatch(SyncHarness sync, String prefix, int records) {
        List<SegmentRecord> batch = IntStream.rangeClosed(1, records)
                .mapToObj(i -> upsert(prefix + i, prefix + "C" + i, "Unit " + i, null)).toList();
        return sync.template.requestBodyAndHeader("direct:segment-sync-batch", batch, "SegmentSyncSource", "test",
                BatchResult.class);
    }

    private static double limit(SyncHarness sync) {
        return registry(sync).find(SyncMetrics.API_CONCURRENCY_LIMIT).gauge().value();
    }

    private static MeterRegistry registry(SyncHarness sync) {
        return sync.context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class).registry();
    }
}
