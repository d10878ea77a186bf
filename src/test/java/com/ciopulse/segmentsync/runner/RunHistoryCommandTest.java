package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.ReportJson;
import com.ciopulse.segmentsync.reconcile.PlanBook;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRunStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --runs} and {@code GET /sync/runs} tell a finished run from an interrupted one and from one under way. */
class RunHistoryCommandTest {

    private static final Instant START = Instant.parse("2026-03-01T02:00:00Z");

    @TempDir
    Path data;
    StateStore store;
    SyncRunStore runs;
    long finished;
    long stopped;
    long killed;
    long running;

    @BeforeEach
    void storeWithOneRunOfEachKind() {
        store = StateStore.open(StateStoreSettings.h2FileIn(data));
        runs = new SyncRunStore(store.dataSource());
        finished = runs.start("changes", "file-drop", START);
        runs.finish(finished, START.plusSeconds(4), Map.of("created", 2000L));
        SyncRunStore killedProcess = new SyncRunStore(store.dataSource());
        killed = killedProcess.start("changes", "file-drop", START.plusSeconds(10), () -> Map.of("created", 727L));
        killedProcess.beat(START.plusSeconds(12));
        runs.closeSilentRuns(START.plusSeconds(60), Duration.ofSeconds(30));
        stopped = runs.start("changes", "file-drop", START.plusSeconds(70), () -> Map.of("created", 1094L));
        runs.interruptOpenRuns(START.plusSeconds(73));
        running = new SyncRunStore(store.dataSource()).start("changes", "jdbc-units", START.plusSeconds(80),
                () -> Map.of("updated", 5L));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void runsShowsInterruptedRunsWithTheirCountsAndWhyAndOpenRunsWithTheirHeartbeat() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        assertThat(new RunHistoryCommand(runs, new DeadLetterStore(store.dataSource()), out).list(10)).isZero();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "4 run(s), newest first",
                "#" + running + " 2026-03-01T02:01:20Z jdbc-units changes unfinished, last heartbeat 2026-03-01T02:01:20Z {}",
                "#" + stopped + " 2026-03-01T02:01:10Z file-drop changes interrupted after 3.0 s (stopped) {created=1094}"
                        + " dead-letters=0",
                "#" + killed + " 2026-03-01T02:00:10Z file-drop changes interrupted after 2.0 s (no heartbeat) {created=727}"
                        + " dead-letters=0",
                "#" + finished + " 2026-03-01T02:00:00Z file-drop changes 4.0 s {created=2000} dead-letters=0");
    }

    @Test
    void theJsonViewGivesEachRunsStatusAndWhyItWasInterrupted() throws Exception {
        JsonNode view = new ObjectMapper().readTree(
                new ReportJson(runs, new DeadLetterStore(store.dataSource()), new PlanBook()).runs(10)).get("runs");

        assertThat(view).extracting(run -> run.get("status").asText())
                .containsExactly("running", "interrupted", "interrupted", "finished");
        assertThat(view.get(2).get("interrupted").asText()).isEqualTo("no-heartbeat");
        assertThat(view.get(2).get("finishedAt").asText()).isEqualTo("2026-03-01T02:00:12Z");
        assertThat(view.get(2).get("counts").get("created").asLong()).isEqualTo(727);
        assertThat(view.get(1).get("interrupted").asText()).isEqualTo("stopped");
        assertThat(view.get(3).get("interrupted").isNull()).isTrue();
        assertThat(view.get(0).get("heartbeatAt").asText()).isEqualTo("2026-03-01T02:01:20Z");
    }
}
