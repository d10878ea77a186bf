package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** direct:segment-sync-batch: parallel across segments, in order within one segment, all outcomes before it answers. */
class SegmentDispatcherTest extends OneSyncPerClass {

    @Test
    void changesToOneSegmentNeverOvertakeEachOther() {
        sync.sandbox.reset();
        sync.sandbox.faults().latency(Duration.ofMillis(5));
        List<SegmentRecord> records = new ArrayList<>();
        for (int round = 1; round <= 10; round++) {
            for (int unit = 1; unit <= 8; unit++) {
                records.add(upsert("BU-" + unit, "C" + unit, "Unit " + unit + " v" + round, null));
            }
        }

        BatchResult result = sync.template.requestBody("direct:segment-sync-batch", records, BatchResult.class);

        assertThat(result.size()).isEqualTo(80);
        assertThat(result.counts()).containsEntry(Outcome.CREATED, 8L).containsEntry(Outcome.UPDATED, 72L);
        for (int unit = 1; unit <= 8; unit++) {
            assertThat(sync.sandbox.segment("BU-" + unit).orElseThrow().segmentName()).isEqualTo("Unit " + unit + " v10");
        }
        Map<String, List<String>> bodiesBySegment = sync.sandbox.requests().stream()
                .collect(Collectors.groupingBy(RecordedRequest::rawPath,
                        Collectors.mapping(RecordedRequest::body, Collectors.toList())));
        bodiesBySegment.forEach((path, bodies) -> {
            for (int round = 1; round <= 10; round++) {
                assertThat(bodies.get(round - 1)).as(path).contains(" v" + round + "\"");
            }
        });
        sync.sandbox.faults().clear();
    }

    @Test
    void mapsFromAUsersRouteAreReadWithTheSourceHeader() {
        sync.sandbox.reset();
        List<Map<String, Object>> rows = List.of(
                Map.of("system_id", "M-1", "segment_code", "M1", "segment_name", "Map one", "active", true),
                Map.of("system_id", "M-2", "segment_code", "M2", "segment_name", "Map two", "active", 0));

        BatchResult result = sync.template.requestBodyAndHeader("direct:segment-sync-batch", rows,
                SyncHeaders.SOURCE, "my-route", BatchResult.class);

        assertThat(result.outcomes()).extracting(o -> o.source() + ":" + o.outcome())
                .containsExactly("my-route:CREATED", "my-route:CREATED");
        assertThat(sync.sandbox.segment("M-2").orElseThrow().active()).isEqualTo("n");
    }
}
