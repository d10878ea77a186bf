package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner handles SIGTERM itself (so H2's shutdown hook cannot close the state store under the records in flight):
 * the first signal stops it gracefully, a second one exits at once even while records are still in flight. The
 * graceful stop of the default H2 store mid-file is the fault suite's ({@code RunnerProcessFaultsTest}).
 */
class StopSignalsTest {

    @TempDir
    Path work;
    SegmentsSandbox sandbox;
    DropFolder drop;

    @BeforeEach
    void start() throws Exception {
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        drop = new DropFolder(Files.createDirectories(work.resolve("drop")));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSecondSigtermExitsWithoutWaitingForTheRecordsInFlight() throws Exception {
        // every answer takes minutes, and the graceful stop would wait for them as long
        sandbox.faults().latency(Duration.ofMinutes(10));
        drop.write("units.csv", "system_id,segment_code,segment_name\nBU-1,C1,Unit 1\nBU-2,C2,Unit 2\n");
        Map<String, String> settings = RunnerSettings.against(sandbox, drop.dir());
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        settings.put("sync.segments-api.response-timeout-ms", String.valueOf(Duration.ofMinutes(15).toMillis()));
        settings.put("camel.main.shutdown-timeout", String.valueOf(Duration.ofMinutes(15).toSeconds()));

        try (RunnerProcess runner = RunnerProcess.start("runner", settings, work)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.requests().stream()
                    .anyMatch(request -> request.method().equals("PUT")));

            runner.signalTerm();
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.fullLog().contains("is shutting down"));
            assertThat(runner.log()).contains("SIGTERM received: stopping gracefully");
            assertThat(runner.isAlive()).as("the first SIGTERM waits for the records in flight").isTrue();

            assertThat(runner.terminate()).as("a second SIGTERM exits at once: 128 + 15").isEqualTo(143);
        }
        assertThat(drop.done()).as("nothing acknowledged").isEmpty();
        assertThat(drop.dir().resolve("units.csv")).as("the file waits in the drop folder").exists();
    }
}
