package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A drop folder whose files are full exports (mode=full): each file is reconciled as a snapshot. */
class FileDropFullSnapshotTest extends FileDropTestSupport {

    @Test
    void aUnitMissingFromTheNextFullExportIsDeactivatedAndHandMadeSegmentsStay() throws Exception {
        sync.sandbox.seed(new SandboxSegment("HAND-MADE", "HM", "Made in the Portal", "y"));
        drop.addSource(sync.context, "erp-export", Map.of("mode", "full"));
        drop.write("units-1.csv", """
                system_id,segment_code,segment_name
                BU-1,C1,One
                BU-2,C2,Two
                BU-3,C3,Three
                BU-4,C4,Four
                BU-5,C5,Five
                """);
        await().atMost(WAIT).until(() -> drop.done().size() == 1);

        drop.write("units-2.csv", """
                system_id,segment_code,segment_name
                BU-1,C1,One
                BU-2,C2,Two renamed
                BU-3,C3,Three
                BU-4,C4,Four
                BU-9,,No code
                """);
        await().atMost(WAIT).until(() -> drop.done().stream().filter(p -> p.toString().endsWith(".csv")).count() == 2);

        assertThat(sync.sandbox.segment("BU-5").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.sandbox.segment("BU-2").orElseThrow().segmentName()).isEqualTo("Two renamed");
        assertThat(sync.sandbox.segment("HAND-MADE")).contains(new SandboxSegment("HAND-MADE", "HM", "Made in the Portal", "y"));
        JsonNode result = drop.resultOf(drop.done().stream()
                .filter(p -> p.getFileName().toString().endsWith("units-2.csv")).findFirst().orElseThrow());
        // the file's 5 rows (3 unchanged, 1 updated, 1 rejected: a new unit without a code); BU-5 left the source
        assertThat(result.get("records").asInt()).isEqualTo(5);
        assertThat(result.get("counts")).hasToString("{\"rejected\":1,\"unchanged\":3,\"updated\":1}");
        assertThat(result.get("leftTheSource")).hasToString("{\"deactivated\":1}");
        assertThat(result.get("problems").get(0).get("systemId").asText()).isEqualTo("BU-9");
    }

    /** Observation 11: every segment that left the snapshot is counted, in the result, the log's summary and --runs. */
    @Test
    void everySegmentThatLeftASnapshotIsCountedAndTheRunIsRecordedAsFull() throws Exception {
        drop.addSource(sync.context, "erp-export", Map.of("mode", "full"));
        drop.write("units-1.csv", rows(1, 20));
        await().atMost(WAIT).until(() -> drop.done().size() == 1);

        drop.write("units-2.csv", rows(1, 17));
        await().atMost(WAIT).until(() -> drop.done().size() == 2);

        assertThat(sync.sandbox.segments()).filteredOn(segment -> segment.active().equals("n"))
                .extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("BU-18", "BU-19", "BU-20");
        JsonNode result = drop.resultOf(drop.done().stream()
                .filter(p -> p.getFileName().toString().endsWith("units-2.csv")).findFirst().orElseThrow());
        assertThat(result.get("records").asInt()).isEqualTo(17);
        assertThat(result.get("counts")).hasToString("{\"unchanged\":17}");
        assertThat(result.get("leftTheSource")).hasToString("{\"deactivated\":3}");
        SyncRun run = sync.beans.syncRuns().recent(10).stream()
                .filter(r -> "erp-export".equals(r.source())).findFirst().orElseThrow();
        assertThat(run.mode()).isEqualTo("full");
        assertThat(run.outcomeCounts()).containsEntry("unchanged", 17L).containsEntry("deactivated", 3L);
    }

    /**
     * Observation 11: a guard stop leaves the file in the folder, named as a guard stop (no rejected input, no dead
     * letter), so the documented rerun with the override finds it there.
     */
    @Test
    void aFileTheGuardStoppedStaysInTheFolderAndARunWithTheOverrideSyncsIt() throws Exception {
        drop.addSource(sync.context, "erp-export", Map.of("mode", "full"));
        drop.write("units-1.csv", rows(1, 5));
        await().atMost(WAIT).until(() -> drop.done().size() == 1);

        drop.write("units-2.csv", rows(1, 1));
        await().atMost(WAIT).until(() -> sync.beans.sourceStates().snapshot().get("erp-export").status()
                == SourceStates.Status.CUT_SHORT);

        assertThat(drop.dir().resolve("units-2.csv")).exists();
        assertThat(drop.failed()).isEmpty();
        assertThat(sync.sandbox.segments()).allMatch(segment -> segment.active().equals("y"));
        assertThat(sync.beans.deadLetterStore().list(false)).isEmpty();
        String report = sync.beans.outcomeRecorder().snapshot().withSources(sync.beans.sourceStates().snapshot(),
                false).render();
        assertThat(report).contains("; cut short: reconcile of source 'erp-export' stopped:")
                .contains("guard-override=true").doesNotContain("rejected");
        List<SandboxSegment> synced = sync.sandbox.segments();
        sync.close();

        // the API keeps its segments across the restart; the state store is the same folder
        SegmentsSandbox api = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        synced.forEach(api::seed);
        Properties override = new Properties();
        override.setProperty("sync.reconcile.guard-override", "true");
        sync = SyncHarness.start(dataDir, override, api);
        drop.addSource(sync.context, "erp-export", Map.of("mode", "full"));

        await().atMost(WAIT).until(() -> drop.done().size() == 2);
        assertThat(sync.sandbox.segments()).filteredOn(segment -> segment.active().equals("n"))
                .extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("BU-2", "BU-3", "BU-4", "BU-5");
    }

    private static String rows(int from, int to) {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name,active\n");
        for (int i = from; i <= to; i++) {
            csv.append("BU-").append(i).append(",C").append(i).append(",Unit ").append(i).append(",y\n");
        }
        return csv.toString();
    }
}
