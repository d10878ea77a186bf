package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The commands an operator runs beside a running runner (same settings, same state store, same ports): they start
 * nothing they do not need, so they neither fight over its ports nor print Camel's lifecycle.
 */
class CommandsBesideARunnerTest extends FaultRunTest {

    static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void replayAndListBesideARunningRunnerStartNoServerAndPrintNoStackTrace() throws Exception {
        Map<String, String> settings = RunnerSettings.against(run.sandbox, run.drop.dir());
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        try (RunnerProcess runner = RunnerProcess.start("running", settings, work)) {
            org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> runner.fullLog().contains("Started file-drop"));

            try (RunnerProcess replay = RunnerProcess.start("replay", settings, work, "--dead-letters", "replay");
                 RunnerProcess list = RunnerProcess.start("list", settings, work, "--dead-letters", "list")) {
                int replayed = replay.awaitExit(WITHIN);
                int listed = list.awaitExit(WITHIN);

                assertThat(replayed).as(replay.log()).isZero();
                assertThat(replay.log()).doesNotContain("BindException", "Exception", "\tat ")
                        .doesNotContainPattern("(?i)platform-http|management server");
                assertThat(listed).as(list.log()).isZero();
                assertThat(list.log()).doesNotContain("Apache Camel", "Exception");
            }
            assertThat(runner.isAlive()).isTrue();
        }
    }
}
