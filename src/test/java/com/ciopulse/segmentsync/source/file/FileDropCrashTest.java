package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner is killed (SIGKILL: no shutdown, no cleanup) in the middle of a file. The file must stay in the inbox,
 * and the next start must sync every record of it and move it to done: nothing is lost, PUT makes the repeats
 * harmless. The kill also leaves the read lock's marker file behind, which must not block the file.
 */
class FileDropCrashTest {

    static final int ROWS = 60;

    @TempDir
    Path workDir;
    @TempDir
    Path dropDir;

    @Test
    void aRunnerKilledMidFileLeavesTheFileAndTheNextStartSyncsEveryRecord() throws Exception {
        SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        // slow answers keep the runner mid-file for seconds, so the kill lands mid-file even on a loaded machine
        sandbox.faults().latency(Duration.ofMillis(200));
        DropFolder drop = new DropFolder(dropDir);
        drop.write("units.csv", FileDropSourceTest.csv("BU", ROWS));
        Process runner = startRunner(sandbox);
        try {
            // a child JVM on a busy machine may take many seconds to start: the bound is generous, the wait is not
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sandbox.segments().size() >= 5);
        } finally {
            runner.destroyForcibly().waitFor();
        }

        int syncedBeforeTheKill = sandbox.segments().size();
        assertThat(syncedBeforeTheKill).as("killed mid-file").isLessThan(ROWS);
        assertThat(dropDir.resolve("units.csv")).exists();
        assertThat(dropDir.resolve("units.csv.camelLock")).as("the lock the killed runner held").exists();
        assertThat(drop.done()).isEmpty();

        sandbox.faults().latency(Duration.ZERO);
        try (SyncHarness sync = SyncHarness.start(workDir.resolve("data"), new Properties(), sandbox)) {
            drop.addSource(sync.context, "file-drop");

            await().atMost(Duration.ofSeconds(20)).until(() -> drop.done().size() == 1);
            assertThat(sandbox.segments()).hasSize(ROWS).containsAll(IntStream.rangeClosed(1, ROWS)
                    .mapToObj(i -> SandboxSegment.active("BU-" + i, "BU" + i, "Unit BU" + i)).toList());
            JsonNode result = drop.resultOf(drop.done().get(0));
            assertThat(result.get("records").asInt()).isEqualTo(ROWS);
            JsonNode counts = result.get("counts");
            int sentAgain = counts.path("updated").asInt() + counts.path("unchanged").asInt();
            assertThat(counts.path("created").asInt() + sentAgain).as(counts.toString()).isEqualTo(ROWS);
            // what reached CIOPulse before the kill is not created twice: updated, or skipped as unchanged
            assertThat(sentAgain).as(counts.toString()).isGreaterThanOrEqualTo(syncedBeforeTheKill);
            assertThat(dropDir.resolve("units.csv.camelLock")).doesNotExist();
        }
    }

    /** The standalone runner in its own JVM and working folder, polling the drop folder every 200 ms. */
    private Process startRunner(SegmentsSandbox sandbox) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.write(config.resolve("application.properties"), List.of(
                "camel.route-template[file-drop].template-id = file-drop-source",
                "camel.route-template[file-drop].directory = " + dropDir,
                "camel.route-template[file-drop].initialDelay = 0",
                "camel.route-template[file-drop].delay = 200",
                "camel.route-template[file-drop].minFileAge = 100",
                "sync.segments-api.base-url = " + sandbox.baseUrl(),
                "sync.segments-api.portal-code = " + SyncHarness.PORTAL_CODE,
                "sync.segments-api.api-key = " + SyncHarness.API_KEY,
                "sync.segments-api.max-in-flight = 2",
                "sync.state.data-dir = " + workDir.resolve("data")), StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dcamel.component.properties.environment-variable-mode=1",
                "com.ciopulse.segmentsync.runner.SegmentSyncMain")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("runner.log").toFile())
                .start();
    }
}
