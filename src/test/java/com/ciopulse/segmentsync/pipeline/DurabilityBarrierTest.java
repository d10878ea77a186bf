package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreException;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record does not wait for its state's commit, but nothing is acknowledged before it: a batch answers once the
 * states of all its records are committed, a record sent on its own once its state is. Here the database refuses
 * every state (a check constraint) while the API accepts every record.
 */
class DurabilityBarrierTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String UNITS = """
            system_id,segment_code,segment_name,active
            BU-1,AUS,Australia,y
            BU-2,NZ,New Zealand,y
            BU-3,FJ,Fiji,y
            """;

    @TempDir
    Path dataDir;
    @TempDir
    Path dropDir;
    SyncHarness sync;

    @BeforeEach
    void start() throws Exception {
        sync = SyncHarness.start(dataDir);
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    @Test
    void aFileWhoseStatesCannotBeCommittedStaysInTheDropFolderAndIsAcknowledgedOnceTheyAre() throws Exception {
        DropFolder drop = new DropFolder(dropDir);
        refuseEveryState();
        try (LogCapture fileConsumer = LogCapture.of(GenericFileOnCompletion.class)) {
            drop.write("units.csv", UNITS);
            drop.addSource(sync.context, "file-drop");

            await().atMost(WAIT).until(() -> fileConsumer.lines().stream()
                    .anyMatch(line -> line.contains("Rollback file strategy")));
            assertThat(sync.sandbox.segment("BU-1")).isPresent(); // the API accepted it: only its state is missing
            assertThat(drop.done()).isEmpty();
            assertThat(dropDir.resolve("units.csv")).exists();
        }

        acceptStatesAgain();

        await().atMost(WAIT).until(() -> drop.done().size() == 1);
        // the states were not kept, so the records were sent again: a PUT of what the API holds is harmless
        assertThat(drop.resultOf(drop.done().get(0)).get("counts").toString()).isEqualTo("{\"updated\":3}");
        sync.sandbox.clearRequests();
        drop.write("units-again.csv", UNITS);
        await().atMost(WAIT).until(() -> drop.done().size() == 2);
        assertThat(sync.sandbox.requests()).isEmpty(); // now stored: all unchanged
    }

    @Test
    void aBatchFailsWhenAStateOfItsRecordsCannotBeCommittedAndARecordSentOnItsOwnToo() throws Exception {
        refuseEveryState();

        Exchange batch = sync.template.send("direct:segment-sync-batch",
                e -> e.getMessage().setBody(List.of(upsert("BU-1", "AUS", "Australia", null))));
        Exchange single = sync.send(upsert("BU-2", "NZ", "New Zealand", null));

        assertThat(batch.getException()).isInstanceOf(StateStoreException.class)
                .hasMessage("cannot store the sync state of segment 'BU-1'");
        assertThat(single.getException()).isInstanceOf(StateStoreException.class)
                .hasMessage("cannot store the sync state of segment 'BU-2'");
        acceptStatesAgain();
        assertThat(sync.sync(upsert("BU-2", "NZ", "New Zealand", null)).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(sync.sync(upsert("BU-2", "NZ", "New Zealand", null)).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    private void refuseEveryState() throws SQLException {
        execute("ALTER TABLE segment_state ADD CONSTRAINT test_refuses_every_state CHECK (system_id = '')");
    }

    private void acceptStatesAgain() throws SQLException {
        execute("ALTER TABLE segment_state DROP CONSTRAINT test_refuses_every_state");
    }

    private void execute(String sql) throws SQLException {
        StateStore store = sync.context.getRegistry().lookupByNameAndType("stateStore", StateStore.class);
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
