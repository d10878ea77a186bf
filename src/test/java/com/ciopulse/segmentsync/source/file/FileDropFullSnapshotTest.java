package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
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
        // the file's 5 rows (3 unchanged, 1 updated, 1 rejected: a new unit without a code) + BU-5 deactivated
        assertThat(result.get("counts")).hasToString("{\"deactivated\":1,\"rejected\":1,\"unchanged\":3,\"updated\":1}");
        assertThat(result.get("problems").get(0).get("systemId").asText()).isEqualTo("BU-9");
    }
}
