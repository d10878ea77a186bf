package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner says at start about its HTTP servers is where they listen. */
class StartupLineTest {

    @TempDir
    Path work;

    @Test
    void theStartupLineNamesTheAddressesTheServersAreBoundTo() throws Exception {
        try (SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY)) {
            Map<String, String> settings = RunnerSettings.against(sandbox, Files.createDirectories(work.resolve("drop")));
            settings.put("sync.state.data-dir", work.resolve("data").toString());
            String log;
            try (RunnerProcess runner = RunnerProcess.start("startup", settings, work, "--once")) {
                assertThat(runner.awaitExit(Duration.ofMinutes(2))).as(runner.log()).isZero();
                log = runner.log();
            }

            assertThat(log).contains("Reports on http://127.0.0.1:" + settings.get("camel.server.port")
                            + " (/sync/plans, /sync/runs); health and metrics on http://127.0.0.1:"
                            + settings.get("camel.management.port") + " (/observe/health, /observe/metrics)")
                    .doesNotContain("0.0.0.0");
        }
    }
}
