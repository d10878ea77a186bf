package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run history, on each database the state store supports. */
@OnEachDatabase
class SyncRunStoreTest extends StateStoreTestBase {

    private static final Instant START = Instant.parse("2026-03-01T02:00:00.000001Z");

    /** Six heartbeats of 5 s, as the runner's defaults. */
    private static final Duration SILENCE = Duration.ofSeconds(30);

    private SyncRunStore runs;

    @BeforeEach
    void createSyncRunStore() {
        runs = new SyncRunStore(store.dataSource());
    }

    @Test
    void aFinishedRunKeepsItsTimesAndOutcomeCounts() {
        long id = runs.start("once", START);

        runs.finish(id, START.plusSeconds(42), Map.of("accepted", 120L, "rejected", 2L, "unchanged", 3_000_000_000L));

        assertThat(runs.recent(1)).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(id);
            assertThat(run.mode()).isEqualTo("once");
            assertThat(run.startedAt()).isEqualTo(START);
            assertThat(run.finishedAt()).isEqualTo(START.plusSeconds(42));
            assertThat(run.isFinished()).isTrue();
            assertThat(run.outcomeCounts()).containsExactly(
                    Map.entry("accepted", 120L), Map.entry("rejected", 2L), Map.entry("unchanged", 3_000_000_000L));
        });
    }

    @Test
    void aRunningRunHasNoEndAndNoCounts() {
        runs.start("scheduled", START);

        assertThat(runs.recent(5)).singleElement().satisfies(run -> {
            assertThat(run.finishedAt()).isNull();
            assertThat(run.isFinished()).isFalse();
            assertThat(run.outcomeCounts()).isEmpty();
        });
    }

    @Test
    void recentGivesTheLastRunsNewestFirst() {
        long first = runs.start("scheduled", START);
        long second = runs.start("dry-run", START.plusSeconds(60));
        long third = runs.start("scheduled", START.plusSeconds(120));

        assertThat(runs.recent(2)).extracting(SyncRun::id).containsExactly(third, second);
        assertThat(runs.recent(10)).extracting(SyncRun::id).containsExactly(third, second, first);
        assertThat(runs.recent(0)).isEmpty();
    }

    @Test
    void aRunFinishesOnce() {
        long id = runs.start("once", START);
        runs.finish(id, START.plusSeconds(1), Map.of("accepted", 1L));

        assertThatThrownBy(() -> runs.finish(id, START.plusSeconds(2), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sync run " + id);
        assertThatThrownBy(() -> runs.finish(987654L, START, Map.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(runs.recent(1).get(0).outcomeCounts()).containsExactly(Map.entry("accepted", 1L));
    }
        @Test
    void anOpenRunSilentForLongerThanTheBoundIsClosedAsInterruptedAtItsLastHeartbeatWithItsLastCounts() {
        AtomicLong created = new AtomicLong();
        long id = runs.start("changes", "file-drop", START, () -> Map.of("created", created.get()));
        created.set(700);
        runs.beat(START.plusSeconds(5));
        created.set(900); // reached after the last heartbeat: the kill loses it

        SyncRunStore nextStart = new SyncRunStore(store.dataSource());
        assertThat(nextStart.closeSilentRuns(START.plusSeconds(5 + 31), SILENCE)).isEqualTo(1);

        assertThat(runs.recent(1)).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(id);
            assertThat(run.status()).isEqualTo("interrupted");
            assertThat(run.interrupted()).isEqualTo(SyncRun.NO_HEARTBEAT);
            assertThat(run.finishedAt()).isEqualTo(START.plusSeconds(5));
            assertThat(run.outcomeCounts()).containsExactly(Map.entry("created", 700L));
        });
    }

    @Test
    void aRunWithAFreshHeartbeatIsNotClosedByAnotherInstancesStart() {
        long running = runs.start("changes", "jdbc-units", START, () -> Map.of("updated", 3L));
        runs.beat(START.plusSeconds(25));
        long finished = runs.start("changes", "file-drop", START);
        runs.finish(finished, START.plusSeconds(1), Map.of("created", 1L));

        SyncRunStore otherInstance = new SyncRunStore(store.dataSource());
        int closed = otherInstance.closeSilentRuns(START.plusSeconds(25).plus(SILENCE).minusMillis(1), SILENCE);

        assertThat(closed).isZero();
        assertThat(runs.recent(2)).extracting(SyncRun::id, SyncRun::status)
                .containsExactly(tuple(finished, "finished"), tuple(running, "running"));
        assertThat(runs.recent(2).get(1).outcomeCounts()).containsExactly(Map.entry("updated", 3L));
    }

    @Test
    void aRunClosedForLackOfHeartbeatWhileItsProcessLivedIsReopenedByItsNextHeartbeatAndFinishesNormally() {
        long id = runs.start("changes", "jdbc-units", START, () -> Map.of("updated", 4L));
        new SyncRunStore(store.dataSource()).closeSilentRuns(START.plusSeconds(60), SILENCE);
        assertThat(runs.recent(1).get(0).status()).isEqualTo("interrupted");

        runs.beat(START.plusSeconds(61));
        assertThat(runs.recent(1).get(0).status()).isEqualTo("running");

        runs.finish(id, START.plusSeconds(62), Map.of("updated", 5L));
        assertThat(runs.recent(1)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("finished");
            assertThat(run.outcomeCounts()).containsExactly(Map.entry("updated", 5L));
        });
    }

    @Test
    void aStoppingProcessClosesItsOwnOpenRunsAsInterruptedWithTheirCountsAndNoOtherRun() {
        long own = runs.start("changes", "file-drop", START, () -> Map.of("created", 12L));
        long ownWithoutCounts = runs.start("once", START);
        long finishedOwn = runs.start("changes", "jdbc-units", START);
        runs.finish(finishedOwn, START.plusSeconds(1), Map.of("created", 1L));
        long otherInstances = new SyncRunStore(store.dataSource()).start("changes", "salesforce", START);

        assertThat(runs.interruptOpenRuns(START.plusSeconds(9))).isEqualTo(2);

        assertThat(runs.recent(4)).extracting(SyncRun::id, SyncRun::status, SyncRun::interrupted).containsExactly(
                tuple(otherInstances, "running", null),
                tuple(finishedOwn, "finished", null),
                tuple(ownWithoutCounts, "interrupted", SyncRun.STOPPED),
                tuple(own, "interrupted", SyncRun.STOPPED));
        assertThat(runs.recent(4).get(3).outcomeCounts()).containsExactly(Map.entry("created", 12L));
        assertThat(runs.recent(4).get(3).finishedAt()).isEqualTo(START.plusSeconds(9));
        assertThatThrownBy(() -> runs.finish(own, START.plusSeconds(10), Map.of()))
                .as("a run its own process interrupted stays interrupted")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunLeftOpenByAnOlderVersionWithoutHeartbeatIsClosedAtItsStart() {
        long id = runs.start("changes", "file-drop", START);
        nullHeartbeatOf(id);

        new SyncRunStore(store.dataSource()).closeSilentRuns(START.plus(SILENCE).plusSeconds(1), SILENCE);

        assertThat(runs.recent(1)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("interrupted");
            assertThat(run.finishedAt()).isEqualTo(START);
            assertThat(run.outcomeCounts()).isEmpty();
        });
    }

    @Test
    void aVersion2DatabaseIsUpgradedAtStartAndItsRunsLeftOpenAreClosedAsInterrupted() throws Exception {
        execute("ALTER TABLE sync_run DROP COLUMN heartbeat_at");
        execute("ALTER TABLE sync_run DROP COLUMN interrupted");
        execute("DELETE FROM schema_version WHERE version >= 3");
        execute("DROP TABLE store_heartbeat");
        execute("INSERT INTO sync_run (mode, source, started_at) VALUES ('changes', 'file-drop', TIMESTAMP WITH TIME ZONE"
                + " '2026-03-01 02:00:00+00')");

        reopenStore();
        runs = new SyncRunStore(store.dataSource());

        assertThat(runs.recent(1)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("running");
            assertThat(run.heartbeatAt()).isNull();
        });
        assertThat(runs.closeSilentRuns(START.plus(SILENCE).plusSeconds(1), SILENCE)).isEqualTo(1);
        assertThat(runs.recent(1).get(0).status()).isEqualTo("interrupted");
        assertThat(runs.recent(1).get(0).finishedAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = store.dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private void nullHeartbeatOf(long id) {
        try (java.sql.Connection connection = store.dataSource().getConnection();
             java.sql.Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE sync_run SET heartbeat_at = NULL WHERE id = " + id);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
