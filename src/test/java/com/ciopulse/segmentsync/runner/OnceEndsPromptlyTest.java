package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --once} run waits for nothing: its file is read as soon as the routes run, and the runner JVM exits as soon
 * as the file is synced and its states are committed, not after an idle wait, the next poll or a shutdown timeout. The
 * bounds are generous for a loaded machine (the runner needs a few tenths of a second for either), yet a wait of
 * one second at the start or two at the end fails them.
 */
class OnceEndsPromptlyTest {

    static final int RECORDS = 200;
    static final Duration LATENCY = Duration.ofMillis(5);

    @TempDir
    Path work;

    @Test
    void theFileIsReadAtOnceAndTheProcessExitsSoonAfterTheLastAnswer() throws Exception {
        try (SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY)) {
            sandbox.faults().latency(LATENCY);
            DropFolder drop = new DropFolder(Files.createDirectories(work.resolve("drop")));
            StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name,active\n");
            for (int i = 1; i <= RECORDS; i++) {
                csv.append("BU-").append(i).append(",C").append(i).append(",Unit ").append(i).append(",y\n");
            }
            drop.write("units.csv", csv.toString());
            Map<String, String> settings = RunnerSettings.against(sandbox, drop.dir());
            // the shipped poll delay (5 s) and first poll: a run that waited for a further poll would show
            settings.remove("camel.route-template[file-drop].delay");
            Path data = work.resolve("data");
            settings.put("sync.state.data-dir", data.toString());

            int exit;
            Instant exited;
            String log;
            try (RunnerProcess once = RunnerProcess.start("once", settings, work, "--once")) {
                exit = once.awaitExit(Duration.ofSeconds(120));
                exited = Instant.now();
                log = once.log();
            }

            assertThat(exit).as(log).isZero();
            assertThat(sandbox.segments()).hasSize(RECORDS);
            List<RecordedRequest> requests = sandbox.requests();
            Instant lastAnswer = requests.stream().map(RecordedRequest::arrivedAt).max(Instant::compareTo)
                    .orElseThrow().plus(LATENCY);
            assertThat(Duration.between(lastAnswer, exited)).as("from the last answer to the exit of the process\n%s", log)
                    .isLessThan(Duration.ofSeconds(2));

            List<SyncRun> runs = runs(data);
            SyncRun whole = runs.stream().filter(run -> run.mode().equals("once")).findFirst().orElseThrow();
            SyncRun file = runs.stream().filter(run -> "file-drop".equals(run.source())).findFirst().orElseThrow();
            assertThat(Duration.between(whole.startedAt(), file.startedAt()))
                    .as("from the start of the run (its routes running) to the file being read").isLessThan(
                            Duration.ofMillis(500));
            assertThat(Duration.between(lastAnswer, whole.finishedAt()))
                    .as("from the last answer to the end of the run in the run history").isLessThan(
                            Duration.ofMillis(1500));
        }
    }

    private static List<SyncRun> runs(Path data) {
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(data))) {
            return new SyncRunStore(store.dataSource()).recent(20);
        }
    }
}
