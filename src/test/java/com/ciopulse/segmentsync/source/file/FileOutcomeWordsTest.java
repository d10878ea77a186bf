package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a file's result, the run report, the metrics and the run history call what the API did: a refused delete
 * in the API's words, a deactivation as a deactivation. Real files through the file-drop source and the sandbox.
 */
class FileOutcomeWordsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static SyncHarness sync;

    @BeforeAll
    static void start() throws Exception {
        sync = SyncHarness.start(Files.createDirectory(work.resolve("data")));
    }

    @AfterAll
    static void stop() {
        sync.close();
    }

    @Test
    void aRefusedDeleteSaysDeleteRefusedWithTheApiReasonAndNamesNoField() throws Exception {
        sync.sandbox.seed(new SandboxSegment("DR-1", "DR1", "Answered", "y"));
        sync.sandbox.addSurveyResponse("DR-1");
        sync.sandbox.seed(new SandboxSegment("DR-2", "DR2", "Unanswered", "y"));

        JsonNode result = syncFile("deletes", "system_id,action\nDR-1,delete\nDR-2,delete\n",
                Map.of("actionFrom", "action"));

        assertThat(result.get("counts")).hasToString("{\"deleted\":1,\"rejected\":1}");
        JsonNode problem = result.get("problems").get(0);
        assertThat(problem.get("line").asLong()).isEqualTo(2);
        assertThat(problem.get("outcome").asText()).isEqualTo("rejected");
        assertThat(problem.has("field") && !problem.get("field").isNull()).as("field of %s", problem).isFalse();
        assertThat(problem.get("reason").asText()).isEqualTo("delete refused: Segment with system_id 'DR-1' has survey "
                + "Responses completed for it and cannot be deleted").doesNotContain("segment_code");
        assertThat(sync.beans.deadLetterStore().list(false)).filteredOn(letter -> "DR-1".equals(letter.systemId()))
                .extracting(DeadLetter::apiMessage).containsExactly(problem.get("reason").asText());
        assertThat(sync.beans.outcomeRecorder().snapshot().render()).contains("delete refused: Segment with system_id "
                + "'DR-1'").doesNotContain("creating a segment");
        assertThat(sync.sandbox.segment("DR-1")).isPresent();
        assertThat(sync.sandbox.segment("DR-2")).isEmpty();
    }

    /** 3 renames and 2 deactivations read "updated 3, deactivated 2" everywhere, not "updated 5". */
    @Test
    void deactivationsAreCountedApartFromUpdates() throws Exception {
        for (int i = 1; i <= 5; i++) {
            sync.sandbox.seed(new SandboxSegment("DA-" + i, "DA" + i, "Unit " + i, "y"));
        }

        JsonNode result = syncFile("deactivations", "system_id,segment_name,active\n"
                + "DA-1,Unit 1 renamed,y\nDA-2,Unit 2 renamed,y\nDA-3,Unit 3 renamed,\nDA-4,Unit 4,n\nDA-5,,n\n", Map.of());

        assertThat(result.get("counts")).hasToString("{\"deactivated\":2,\"updated\":3}");
        assertThat(sync.sandbox.segment("DA-4").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.sandbox.segment("DA-5").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.beans.outcomeRecorder().snapshot().render()).containsPattern(
                "deactivations +updated 3, deactivated 2(, 1 file warning [^\n]*)?\n");
        MeterRegistry meters = SyncMetrics.registryOf(sync.context);
        assertThat(meters.get(SyncMetrics.RECORDS).tags("source", "deactivations", "outcome", "deactivated")
                .counter().count()).isEqualTo(2.0);
        assertThat(meters.get(SyncMetrics.RECORDS).tags("source", "deactivations", "outcome", "updated")
                .counter().count()).isEqualTo(3.0);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sync.beans.syncRuns().recent(20))
                .filteredOn(run -> "deactivations".equals(run.source()) && run.finishedAt() != null)
                .extracting(SyncRun::outcomeCounts)
                .containsExactly(Map.of("updated", 3L, "deactivated", 2L)));
    }

    private static JsonNode syncFile(String source, String content, Map<String, String> parameters) throws Exception {
        DropFolder drop = new DropFolder(Files.createDirectory(work.resolve(source)));
        drop.write("units.csv", content);
        drop.addSource(sync.context, source, parameters);
        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        sync.context.getRouteController().stopRoute(source);
        return drop.resultOf(drop.done().get(0));
    }
}
