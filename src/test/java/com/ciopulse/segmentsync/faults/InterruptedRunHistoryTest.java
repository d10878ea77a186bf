package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A runner JVM stopped mid-file, by {@code kill -9} or SIGTERM: its run of the file must end up in the run history
 * as interrupted, with the counts it had reached, never as a run that looks unfinished forever.
 */
class InterruptedRunHistoryTest extends FaultRunTest {

    /** Short, so that a killed run is recognised as silent within seconds of the restart. */
    private static final int HEARTBEAT_SECONDS = 1;

    @Test
    void aRunKilledMidFileIsClosedAsInterruptedWithItsLastCountsByTheNextStart() throws Exception {
        run.dropFile();
        SyncRun beforeKill;
        try (RunnerProcess killed = runner("killed")) {
            run.awaitCalls(500);
            // the heartbeat has stored counts so far: those are what a kill leaves behind
            beforeKill = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(this::openFileRun, open -> open.isPresent() && created(open.get()) > 0).orElseThrow();
            killed.kill();
        }
        assertThat(fileRun(beforeKill.id())).as("the killed run, before any restart").matches(r -> !r.isFinished());

        Instant restartedAt = Instant.now();
        try (RunnerProcess restarted = runner("restarted")) {
            // read only once the runner holds the H2 file: opened by the test first, it would serve the runner (AUTO_SERVER)
            // and drop the runner's connections when it closes
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.fullLog().contains(") started in "));
            SyncRun closed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> fileRun(beforeKill.id()), SyncRun::isFinished);
            assertThat(closed.interrupted()).as("closed as interrupted: " + closed).isEqualTo(SyncRun.NO_HEARTBEAT);
            assertThat(created(closed)).as("its last counts: " + closed).isGreaterThanOrEqualTo(created(beforeKill));
            assertThat(closed.finishedAt()).as("it ended at its last heartbeat, not at the restart")
                    .isBefore(restartedAt);
            run.awaitAcknowledged();
            assertThat(restarted.terminate()).isEqualTo(143);
        }
    }

    @Test
    void aRunStoppedBySigtermMidFileIsClosedAsInterruptedWithItsCountsByItsOwnProcess() throws Exception {
        run.dropFile();
        long id;
        try (RunnerProcess stopped = runner("stopped")) {
            run.awaitCalls(500);
            id = await().atMost(Duration.ofSeconds(20)).until(this::openFileRun, Optional::isPresent).orElseThrow().id();
            assertThat(stopped.terminate()).as("exit status on SIGTERM: 128 + 15").isEqualTo(143);
        }
        // read before any restart: the stopped process closed its own run
        SyncRun closed = fileRun(id);
        assertThat(closed.isFinished()).as("closed by the stopped process: " + closed).isTrue();
        assertThat(closed.interrupted()).as("closed as interrupted: " + closed).isEqualTo(SyncRun.STOPPED);
        assertThat(created(closed)).as("with its counts: " + closed).isPositive();
        run.assertNothingAcknowledged();
    }

    private RunnerProcess runner(String name) throws Exception {
        Map<String, String> settings = RunnerSettings.against(run.sandbox, run.drop.dir());
        settings.putAll(FaultSettings.sync());
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        settings.put("sync.runs.heartbeat-seconds", String.valueOf(HEARTBEAT_SECONDS));
        // a run of the file that lasts some 10 s (2,000 records, 2 calls at once of 10 ms), so that it is stopped
        // mid-file after heartbeats stored its counts, however fast the machine
        settings.put("sync.segments-api.max-in-flight", "2");
        run.faults().latency(Duration.ofMillis(10));
        settings.put("camel.route-template[file-drop].initialDelay", "0");
        settings.put("camel.route-template[file-drop].minFileAge", "100");
        return RunnerProcess.start(name, settings, work);
    }

    /** The runs in the runner's H2 store (AUTO_SERVER: readable while a runner holds it). */
    private List<SyncRun> runs() {
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(work.resolve("data")))) {
            return new SyncRunStore(store.dataSource()).recent(20);
        }
    }

    private Optional<SyncRun> openFileRun() {
        return runs().stream().filter(r -> "file-drop".equals(r.source()) && !r.isFinished()).findFirst();
    }

    private SyncRun fileRun(long id) {
        return runs().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    private static long created(SyncRun run) {
        return run.outcomeCounts().getOrDefault("created", 0L);
    }
}
