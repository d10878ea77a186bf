package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs every test of {@link OnEachDatabase} on H2 and on PostgreSQL. */
class SyncRunStoreTest {

    @Nested
    class OnH2 extends OnEachDatabase {
        OnH2() {
            super(StateDatabase.Kind.H2);
        }
    }

    @Nested
    class OnPostgreSQL extends OnEachDatabase {
        OnPostgreSQL() {
            super(StateDatabase.Kind.POSTGRESQL);
        }
    }

    abstract static class OnEachDatabase extends StateStoreTestBase {

        private static final Instant START = Instant.parse("2026-03-01T02:00:00.000001Z");

        private SyncRunStore runs;

        OnEachDatabase(StateDatabase.Kind kind) {
            super(kind);
        }

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
    }
}
