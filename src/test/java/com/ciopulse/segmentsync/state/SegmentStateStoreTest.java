package com.ciopulse.segmentsync.state;

import static com.ciopulse.segmentsync.testsupport.Concurrently.runAtOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The segments as sent, on each database the state store supports. */
@OnEachDatabase
class SegmentStateStoreTest extends StateStoreTestBase {

    private static final Instant AT = Instant.parse("2026-03-01T02:00:00Z");
    private static final int WRITERS = 16;
    private static final int SAVES_PER_WRITER = 40;
    // longer than the column segment_state.source (200): the database refuses the row
    private static final String SOURCE_TOO_LONG = "s".repeat(300);

    private SegmentStateStore states;

    @BeforeEach
    void createSegmentStateStore() {
        states = new SegmentStateStore(store.dataSource());
    }

    @AfterEach
    void closeSegmentStateStore() {
        states.close();
    }

    @Test
    void aSavedStateIsFoundAndASecondSaveReplacesIt() {
        states.save(state("EU-1", "erp-units", "Sales"));
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales and Marketing")));

        assertThat(inTheDatabase("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
        assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
        assertThat(states.ownedBy("erp-units")).hasSize(1);
    }

    @Test
    void oneCommitUpdatesAStoredSegmentAndInsertsANewOne() {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        CommitBarrier barrier = new CommitBarrier();
        barrier.add(states.save(state("EU-1", "erp-units", "Sales and Marketing")));
        barrier.add(states.save(state("EU-2", "erp-units", "Finance")));
        barrier.await();

        assertThat(states.ownedBy("erp-units")).containsExactly(
                state("EU-1", "erp-units", "Sales and Marketing"), state("EU-2", "erp-units", "Finance"));
    }

    @Test
    void aStateWithQuotesBackslashesControlCharactersAndNonAsciiReadsBackEqual() throws SQLException {
        SegmentState awkward = new SegmentState("EU-\"1\"", "C-\\1", "say \"hi\" \\ tab\t nl\n bell\u0007 nul\u0000"
                + " café 中文 \uD83D\uDE00", null, "erp-units", AT);
        CommitBarrier.await(states.save(awkward));

        assertThat(inTheDatabase(awkward.systemId())).contains(awkward);
        // the columns as the store always wrote them (StatePayloadTest), so that stored rows compare equal
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT payload, content_hash FROM segment_state")) {
            assertThat(row.next()).isTrue();
            StatePayload expected = new StatePayload();
            assertThat(row.getString("payload")).isEqualTo(expected.json(awkward));
            assertThat(row.getString("content_hash")).isEqualTo(expected.hash(expected.json(awkward)));
        }
    }

    @Test
    void aSaveIsFoundAtOnceAndCommittedOnceTheDatabaseCanTakeIt() throws Exception {
        // the state the pipeline had accepted before, committed
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        List<Connection> wholePool = new ArrayList<>();
        CompletableFuture<Void> renamed;
        CompletableFuture<Void> forgotten;
        try {
            // every pooled connection taken: the committer cannot write, the saves stay uncommitted
            for (int i = 0; i < StateStoreSettings.DEFAULT_MAX_POOL_SIZE; i++) {
                wholePool.add(store.dataSource().getConnection());
            }
            renamed = states.save(state("EU-1", "erp-units", "Sales and Marketing"));
            states.save(state("EU-2", "erp-units", "Finance"));
            forgotten = states.forget("EU-2");

            assertThat(renamed).isNotDone();
            // what the next record of the segment compares with: the latest accepted, committed or not
            assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
            assertThat(states.find("EU-2")).isEmpty();
        } finally {
            for (Connection connection : wholePool) {
                connection.close();
            }
        }

        // a reconcile's question: it waits for the writes handed in before, then reads the database
        assertThat(states.ownedBy("erp-units")).containsExactly(state("EU-1", "erp-units", "Sales and Marketing"));
        assertThat(renamed).isCompleted();
        assertThat(forgotten).isCompleted();
        assertThat(inTheDatabase("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
        assertThat(inTheDatabase("EU-2")).isEmpty();
    }

    @Test
    void everyStateThatConcurrentWritersSavedIsStoredOnceTheirBarrierIsPassed() throws Exception {
        CommitBarrier barrier = new CommitBarrier();
        runAtOnce(WRITERS, writer -> {
            for (int i = 0; i < SAVES_PER_WRITER; i++) {
                // a new segment, then an update of the one before: inserts and updates share transactions
                barrier.add(states.save(state(id(writer, i), "erp-units", "first")));
                if (i > 0) {
                    barrier.add(states.save(state(id(writer, i - 1), "erp-units", "second")));
                }
            }
            return null;
        });

        barrier.await();

        assertThat(states.ownedBy("erp-units")).hasSize(WRITERS * SAVES_PER_WRITER);
        for (int writer = 0; writer < WRITERS; writer++) {
            for (int i = 0; i < SAVES_PER_WRITER; i++) {
                String name = i < SAVES_PER_WRITER - 1 ? "second" : "first";
                assertThat(inTheDatabase(id(writer, i))).contains(state(id(writer, i), "erp-units", name));
            }
        }
    }

    @Test
    void aSaveWhoseTransactionFailedFailsItsBarrierAndIsNotKept() throws Exception {
        // every fourth writer saves a state the database refuses; whoever shares its transaction fails with it
        List<Optional<StateStoreException>> failures = runAtOnce(WRITERS, writer -> {
            String source = writer % 4 == 0 ? SOURCE_TOO_LONG : "erp-units";
            CommitBarrier barrier = new CommitBarrier();
            barrier.add(states.save(state(id(writer, 0), source, "Sales")));
            try {
                barrier.await();
                return Optional.<StateStoreException>empty();
            } catch (StateStoreException e) {
                return Optional.of(e);
            }
        });

        for (int writer = 0; writer < WRITERS; writer++) {
            Optional<StateStoreException> failure = failures.get(writer);
            if (writer % 4 == 0) {
                assertThat(failure).isPresent();
            }
            if (failure.isPresent()) {
                assertThat(failure.get()).hasMessageContaining("'" + id(writer, 0) + "'")
                        .hasRootCauseInstanceOf(SQLException.class);
                assertThat(states.find(id(writer, 0))).isEmpty();
                assertThat(inTheDatabase(id(writer, 0))).isEmpty();
            } else {
                assertThat(inTheDatabase(id(writer, 0))).contains(state(id(writer, 0), "erp-units", "Sales"));
            }
        }
    }

    @Test
    void whenTheCommitFailsTheBarrierFailsNamingASegmentAndCountingTheOthers() throws Exception {
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE segment_state");
        }
        CommitBarrier barrier = new CommitBarrier();
        List<CompletableFuture<Void>> commits = runAtOnce(WRITERS, writer -> {
            CompletableFuture<Void> commit = states.save(state(id(writer, 0), "erp-units", "Sales"));
            barrier.add(commit);
            return commit;
        });

        assertThatThrownBy(barrier::await).isInstanceOf(StateStoreException.class)
                .hasMessageMatching("cannot store the sync state of segment 'EU-\\d+-0' \\(and 15 more\\)");
        for (int writer = 0; writer < WRITERS; writer++) {
            CompletableFuture<Void> commit = commits.get(writer);
            assertThatThrownBy(() -> CommitBarrier.await(commit))
                    .hasMessage("cannot store the sync state of segment '" + id(writer, 0) + "'");
        }
    }

    @Test
    void aStateReadAheadAnswersTheNextFindOfItsSegmentOnce() {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        states.readAhead(List.of("EU-1", "EU-2"));
        // another writer (a second instance) renames it behind this store's back
        SegmentStateStore other = new SegmentStateStore(store.dataSource());
        try {
            CommitBarrier.await(other.save(state("EU-1", "erp-units", "Renamed elsewhere")));
        } finally {
            other.close();
        }

        // answered from what was read ahead, without a query; then from the database again
        assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Sales"));
        assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Renamed elsewhere"));
        assertThat(states.find("EU-2")).isEmpty();
    }

    @Test
    void aSaveAfterTheReadAheadIsWhatFindAnswersOnceItIsCommitted() {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        states.readAhead(List.of("EU-1"));

        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales and Marketing")));

        assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
    }

    @Test
    void aSaveNotYetCommittedWhenTheReadAheadQueriesIsNotAnsweredFromIt() {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        // the committer gathers for a while before it writes: the query below may read the row before the commit
        CompletableFuture<Void> renamed = states.save(state("EU-1", "erp-units", "Sales and Marketing"));
        states.readAhead(List.of("EU-1"));

        CommitBarrier.await(renamed);

        assertThat(states.find("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
    }

    @Test
    void aSaveHandedInWhileTheReadAheadQueriesMakesWhatItReadUnused() {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        List<CompletableFuture<Void>> savedMeanwhile = new ArrayList<>();
        BeforeNextConnection pausing = new BeforeNextConnection(store.dataSource());
        SegmentStateStore reading = new SegmentStateStore(pausing);
        try {
            CommitBarrier.await(reading.save(state("EU-1", "erp-units", "Sales")));
            // the read-ahead takes its connection: the record of the same segment saves its new state just then
            pausing.run(() -> savedMeanwhile.add(reading.save(state("EU-1", "erp-units", "Sales and Marketing"))));
            reading.readAhead(List.of("EU-1"));
            assertThat(savedMeanwhile).hasSize(1);
            CommitBarrier.await(savedMeanwhile.get(0));

            assertThat(reading.find("EU-1")).contains(state("EU-1", "erp-units", "Sales and Marketing"));
        } finally {
            reading.close();
        }
    }

    @Test
    void aReadAheadThatCannotQueryLeavesFindToReadAndReport() throws Exception {
        CommitBarrier.await(states.save(state("EU-1", "erp-units", "Sales")));
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE segment_state");
        }

        states.readAhead(List.of("EU-1")); // no exception: only a hint

        assertThatThrownBy(() -> states.find("EU-1")).isInstanceOf(StateStoreException.class)
                .hasMessage("cannot read the sync state of segment 'EU-1'");
    }

    @Test
    void aSaveAfterCloseFails() {
        states.close();

        assertThatThrownBy(() -> states.save(state("EU-1", "erp-units", "Sales")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("closed");
    }

    /** What a store that holds nothing uncommitted (a restarted runner's) finds. */
    private Optional<SegmentState> inTheDatabase(String systemId) {
        SegmentStateStore restarted = new SegmentStateStore(store.dataSource());
        try {
            return restarted.find(systemId);
        } finally {
            restarted.close();
        }
    }

    private static String id(int writer, int i) {
        return "EU-" + writer + "-" + i;
    }

    private static SegmentState state(String systemId, String source, String name) {
        return new SegmentState(systemId, "C-" + systemId, name, "y", source, AT);
    }

    /** The real data source, running a task once just before it hands out its next connection. */
    static final class BeforeNextConnection implements DataSource {

        private final DataSource database;
        private final AtomicReference<Runnable> next = new AtomicReference<>();

        BeforeNextConnection(DataSource database) {
            this.database = database;
        }

        void run(Runnable task) {
            next.set(task);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Runnable task = next.getAndSet(null);
            if (task != null) {
                task.run();
            }
            return database.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the store asks without credentials");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return database.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            database.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            database.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return database.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return database.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return database.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return database.isWrapperFor(type);
        }
    }
}
