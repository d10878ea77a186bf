package com.ciopulse.segmentsync.reconcile;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full snapshots against the sandbox: only what differs is written, and only owned segments are removed. */
class ReconcileTest {

    static final List<SegmentRecord> UNITS = List.of(
            unit("BU-1", "C1", "One"), unit("BU-2", "C2", "Two"), unit("BU-3", "C3", "Three"),
            unit("BU-4", "C4", "Four"), unit("BU-5", "C5", "Five"));

    @TempDir
    Path dataDir;

    @Test
    void unchangedDataMakesNoWriteAndOneChangedRowMakesExactlyOne() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            assertThat(reconcile(sync, UNITS).counts()).containsEntry(Outcome.CREATED, 5L);
            sync.sandbox.clearRequests();

            assertThat(reconcile(sync, UNITS).counts()).containsOnlyKeys(Outcome.UNCHANGED);
            assertThat(writes(sync)).isEmpty();

            List<SegmentRecord> renamed = replace(UNITS, unit("BU-2", "C2", "Two renamed"));
            assertThat(reconcile(sync, renamed).counts()).containsEntry(Outcome.UPDATED, 1L).containsEntry(Outcome.UNCHANGED, 4L);
            assertThat(writes(sync)).containsExactly("PUT /api/v5/segments/BU-2");
        }
    }

    @Test
    void aRowThatLeftTheSourceIsDeactivatedAndAPortalMadeSegmentIsNeverTouched() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            sync.sandbox.seed(new SandboxSegment("HAND-MADE", "HM", "Made in the Portal", "y"));
            reconcile(sync, UNITS);
            sync.sandbox.clearRequests();

            BatchResult result = reconcile(sync, UNITS.subList(0, 4));

            assertThat(result.counts()).containsOnlyKeys(Outcome.DEACTIVATED, Outcome.UNCHANGED)
                    .containsEntry(Outcome.DEACTIVATED, 1L).containsEntry(Outcome.UNCHANGED, 4L);
            assertThat(sync.sandbox.segment("BU-5").orElseThrow().active()).isEqualTo("n");
            assertThat(sync.sandbox.segment("HAND-MADE")).contains(new SandboxSegment("HAND-MADE", "HM", "Made in the Portal", "y"));
            assertThat(writes(sync)).containsExactly("PUT /api/v5/segments/BU-5");
            assertThat(sync.sandbox.requests().get(1).body()).isEqualTo("{\"active\":\"n\"}");
        }
    }

    @Test
    void theGuardStopsARunThatWouldDeactivateHalfAndWritesNothing() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            reconcile(sync, UNITS.subList(0, 4));
            sync.sandbox.clearRequests();

            Exchange stopped = send(sync, List.of(UNITS.get(0), unit("BU-2", "C2", "Two renamed")));

            assertThat(stopped.getException()).isInstanceOf(ReconcileStoppedException.class)
                    .hasMessageContaining("would deactivate 2 of the 4").hasMessageContaining("50%")
                    .hasMessageContaining("sync.reconcile.guard-override");
            assertThat(writes(sync)).isEmpty();
            assertThat(sync.sandbox.segments()).allMatch(s -> s.active().equals("y"));
            assertThat(sync.beans.outcomeRecorder().snapshot().exitCode()).isEqualTo(1);
        }
        Properties override = new Properties();
        override.setProperty("sync.reconcile.guard-override", "true");
        try (SyncHarness sync = SyncHarness.start(dataDir, override)) {
            UNITS.subList(0, 4).forEach(record -> sync.sandbox.seed(
                    new SandboxSegment(record.systemId(), record.segmentCode(), record.segmentName(), "y")));
            BatchResult result = reconcile(sync, List.of(UNITS.get(0), UNITS.get(1)));
            assertThat(result.counts()).containsEntry(Outcome.DEACTIVATED, 2L);
            assertThat(sync.sandbox.segment("BU-4").orElseThrow().active()).isEqualTo("n");
        }
    }

    @Test
    void aDryRunWritesNothingAndItsPlanIsWhatTheRealRunThenDoes() throws Exception {
        List<SegmentRecord> next = List.of(UNITS.get(0), unit("BU-2", "C2", "Two renamed"), UNITS.get(2),
                UNITS.get(3), unit("BU-6", "C6", "Six"));
        Properties dryRun = new Properties();
        dryRun.setProperty("sync.dry-run", "true");
        Map<String, String> planned;
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            reconcile(sync, UNITS);
        }
        try (SyncHarness planner = SyncHarness.start(dataDir, dryRun)) {
            UNITS.forEach(record -> planner.sandbox.seed(
                    new SandboxSegment(record.systemId(), record.segmentCode(), record.segmentName(), "y")));
            BatchResult plan = reconcile(planner, next);
            assertThat(writes(planner)).isEmpty();
            planned = bySystemId(plan);
            com.ciopulse.segmentsync.outcome.RunReport report = planner.beans.outcomeRecorder().snapshot()
                    .withPlans(planner.beans.dryRunPlan().summaries());
            assertThat(report.render()).contains("create BU-6").contains("update BU-2")
                    .contains("segment_name 'Two' -> 'Two renamed'").contains("deactivate BU-5");
            planner.beans.dryRunPlan().close();
            List<String> lines = new java.util.ArrayList<>();
            for (com.ciopulse.segmentsync.plan.PlanSummary summary : report.plans().values()) {
                lines.addAll(java.nio.file.Files.readAllLines(summary.file()));
            }
            // one line per segment of the snapshot and per owned segment that left it
            assertThat(lines).hasSize(6).anySatisfy(line -> assertThat(line).contains("\"systemId\":\"BU-5\"")
                    .contains("\"action\":\"deactivate\"").contains("\"active\":{\"from\":null,\"to\":\"n\"}"))
                    .anySatisfy(line -> assertThat(line).contains("\"systemId\":\"BU-2\"")
                            .contains("\"segment_name\":{\"from\":\"Two\",\"to\":\"Two renamed\"}"));
        }
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            UNITS.forEach(record -> sync.sandbox.seed(
                    new SandboxSegment(record.systemId(), record.segmentCode(), record.segmentName(), "y")));
            Map<String, String> done = bySystemId(reconcile(sync, next));

            assertThat(planned).containsOnlyKeys(done.keySet());
            done.forEach((systemId, outcome) -> assertThat(planned.get(systemId))
                    .as(systemId).isEqualTo(outcome.equals("UNCHANGED") ? "UNCHANGED" : "PLANNED"));
            assertThat(done).containsEntry("BU-6", "CREATED").containsEntry("BU-2", "UPDATED")
                    .containsEntry("BU-5", "DEACTIVATED");
        }
    }

    /** A name the sync cleans is compared cleaned: the next reconcile finds it equal, not drifted. */
    @Test
    void aCleanedNameIsUnchangedOnTheNextReconcile() throws Exception {
        List<SegmentRecord> withDashes = replace(UNITS, unit("BU-2", "C2", "Two – North: East"));
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            assertThat(reconcile(sync, withDashes).counts()).containsEntry(Outcome.CREATED, 5L);
            assertThat(sync.sandbox.segment("BU-2").orElseThrow().segmentName()).isEqualTo("Two - North- East");
            sync.sandbox.clearRequests();

            assertThat(reconcile(sync, withDashes).counts()).containsOnlyKeys(Outcome.UNCHANGED);
            assertThat(writes(sync)).isEmpty();
        }
    }

    @Test
    void aRefusedDeleteFallsBackToDeactivation() throws Exception {
        Properties deleting = new Properties();
        deleting.setProperty("sync.reconcile.removal", "delete");
        deleting.setProperty("sync.reconcile.guard-percent", "50");
        try (SyncHarness sync = SyncHarness.start(dataDir, deleting)) {
            reconcile(sync, UNITS);
            sync.sandbox.addSurveyResponse("BU-5");

            BatchResult result = reconcile(sync, UNITS.subList(0, 3));

            assertThat(sync.sandbox.segment("BU-4")).isEmpty();
            assertThat(sync.sandbox.segment("BU-5").orElseThrow().active()).isEqualTo("n");
            assertThat(result.counts()).containsOnlyKeys(Outcome.DELETED, Outcome.DEACTIVATED, Outcome.UNCHANGED)
                    .containsEntry(Outcome.DELETED, 1L).containsEntry(Outcome.DEACTIVATED, 1L);
            assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
            assertThat(sync.beans.outcomeRecorder().snapshot().render()).contains("the delete of 'BU-5' was refused "
                    + "(delete refused: Segment with system_id 'BU-5' has survey Responses completed for it and cannot "
                    + "be deleted); deactivating it instead").doesNotContain("?");
        }
    }

    @Test
    void twoSegmentsSwappingTheirCodesBothEndWithTheirNewCode() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            reconcile(sync, List.of(unit("BU-A", "NORTH", "A"), unit("BU-B", "SOUTH", "B")));

            BatchResult result = reconcile(sync, List.of(unit("BU-A", "SOUTH", "A"), unit("BU-B", "NORTH", "B")));

            assertThat(result.counts()).containsOnlyKeys(Outcome.UPDATED).containsEntry(Outcome.UPDATED, 2L);
            assertThat(sync.sandbox.segment("BU-A").orElseThrow().segmentCode()).isEqualTo("SOUTH");
            assertThat(sync.sandbox.segment("BU-B").orElseThrow().segmentCode()).isEqualTo("NORTH");
            assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
        }
    }

    @Test
    void driftMadeInThePortalIsReportedAndCorrected() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            reconcile(sync, UNITS);
            sync.sandbox.seed(new SandboxSegment("BU-3", "C3", "Three (edited by hand)", "y"));

            BatchResult result = reconcile(sync, UNITS);

            assertThat(result.counts()).containsEntry(Outcome.UPDATED, 1L);
            assertThat(sync.sandbox.segment("BU-3").orElseThrow().segmentName()).isEqualTo("Three");
            assertThat(sync.beans.outcomeRecorder().snapshot().render())
                    .contains("drift corrected: update BU-3 (segment_name: 'Three (edited by hand)' -> 'Three'"
                            + " (drift: changed in CIOPulse since this sync sent 'Three'))");
        }
    }

    @Test
    void aReconcileIsOneRunInTheHistoryWithItsCounts() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            reconcile(sync, UNITS);
            send(sync, List.of(UNITS.get(0)));

            List<com.ciopulse.segmentsync.state.SyncRun> runs = sync.beans.syncRuns().recent(10);
            assertThat(runs).extracting(r -> r.mode() + " " + r.source() + " " + r.outcomeCounts())
                    .containsExactly("reconcile test {stopped=1}", "reconcile test {created=5}");
        }
    }

    private static SegmentRecord unit(String systemId, String code, String name) {
        return upsert(systemId, code, name, null);
    }

    private static List<SegmentRecord> replace(List<SegmentRecord> records, SegmentRecord changed) {
        return records.stream().map(r -> r.systemId().equals(changed.systemId()) ? changed : r).toList();
    }

    private static BatchResult reconcile(SyncHarness sync, List<SegmentRecord> snapshot) {
        Exchange answer = send(sync, snapshot);
        if (answer.getException() != null) {
            throw new AssertionError(answer.getException());
        }
        return answer.getMessage().getBody(BatchResult.class);
    }

    private static Exchange send(SyncHarness sync, List<SegmentRecord> snapshot) {
        return sync.template.send("direct:segment-reconcile", e -> {
            e.getMessage().setBody(snapshot);
            e.getMessage().setHeader(SyncHeaders.SOURCE, "test");
        });
    }

    private static List<String> writes(SyncHarness sync) {
        return sync.sandbox.requests().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.rawPath()).toList();
    }

    private static Map<String, String> bySystemId(BatchResult result) {
        return result.outcomes().stream()
                .collect(Collectors.toMap(SegmentOutcome::systemId, o -> o.outcome().name()));
    }
}
