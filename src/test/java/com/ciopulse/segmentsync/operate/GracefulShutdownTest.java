package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a runner JVM in the middle of a file: the records in flight finish, no new record is read, nothing
 * is acknowledged (the file stays in the drop folder), and the next start syncs the whole file. About 20 s.
 * The state store is PostgreSQL, as for several instances; the default H2 store under SIGTERM is the fault suite's
 * ({@code RunnerProcessFaultsTest}).
 */
class GracefulShutdownTest {

    private static final int RECORDS = 300;

    @TempDir
    Path work;
    SegmentsSandbox sandbox;
    PostgresTestDatabase database;
    DropFolder drop;

    @BeforeEach
    void start() throws Exception {
        database = PostgresTestDatabase.createFreshSchema();
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        sandbox.faults().latency(Duration.ofMillis(40));
        drop = new DropFolder(Files.createDirectories(work.resolve("drop")));
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.close();
        database.close();
    }

    @Test
    void sigtermMidFileFinishesWhatIsInFlightAcknowledgesNothingAndTheNextStartSyncsTheWholeFile() throws Exception {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                .append(",Unit ").append(i).append('\n'));
        drop.write("units.csv", csv.toString());

        try (RunnerProcess runner = runner("first")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> puts() >= 20);
            long signalled = System.nanoTime();
            assertThat(runner.terminate()).as("exit status on SIGTERM: 143 = 128 + 15").isEqualTo(143);

            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("stops without waiting for the whole file")
                    .isLessThan(Duration.ofSeconds(15));
            assertThat(drop.done()).as("nothing acknowledged").isEmpty();
            assertThat(Files.exists(work.resolve("drop/units.csv"))).isTrue();
            // the file consumer rolls the file back: it stays in the inbox for the next start
            assertThat(runner.log()).doesNotContain("Forcing").contains("Rollback file strategy");
            // every request that went out finished with an outcome before the JVM ended
            Matcher stopped = Pattern.compile("file-drop: batch stopped, (\\d+) records").matcher(runner.log());
            assertThat(stopped.find()).as(runner.log()).isTrue();
            assertThat(Integer.parseInt(stopped.group(1))).isEqualTo(puts()).isLessThan(RECORDS);
        }

        try (RunnerProcess restarted = runner("second")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> drop.done().size() == 1);
            assertThat(sandbox.segments()).hasSize(RECORDS);
        }
    }

    private long puts() {
        return sandbox.requests().stream().filter(request -> request.method().equals("PUT")).count();
    }

    private RunnerProcess runner(String name) throws Exception {
        Map<String, String> settings = RunnerSettings.against(sandbox, work.resolve("drop"));
        settings.put("sync.segments-api.max-in-flight", "2");
        settings.put("sync.state.jdbc-url", database.jdbcUrl());
        settings.put("sync.state.user", database.user());
        return RunnerProcess.start(name, settings, work);
    }
}
