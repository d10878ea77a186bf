package com.ciopulse.segmentsync.state;

import static com.ciopulse.segmentsync.testsupport.Concurrently.runAtOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening the state store: its tables, its schema version and its errors, on each database it supports. */
@OnEachDatabase
class StateStoreTest extends StateStoreTestBase {

    private static final String FAKE_PASSWORD = "not-a-real-password";
    private static final List<String> TABLES =
            List.of("schema_version", "dead_letter", "sync_run", "segment_state", "source_checkpoint");

    @Test
    void createsEveryTableEmptyAndRecordsSchemaVersion1() throws SQLException {
        for (String table : TABLES) {
            long expectedRows = table.equals("schema_version") ? SchemaScript.VERSION : 0;
            assertThat(countRows(store, table)).as(table).isEqualTo(expectedRows);
        }
        assertThat(queryLong(store, "SELECT MAX(version) FROM schema_version")).isEqualTo(SchemaScript.VERSION);
    }

    @Test
    void openingAgainOnAnExistingSchemaKeepsItAndItsData() throws SQLException {
        DeadLetterStore deadLetters = new DeadLetterStore(store.dataSource());
        deadLetters.add(deadLetter("kept"));

        reopenStore();
        reopenStore();

        assertThat(countRows(store, "schema_version")).isEqualTo(SchemaScript.VERSION);
        assertThat(countRows(store, "store_heartbeat")).as("the readiness check's one row").isEqualTo(1);
        assertThat(new DeadLetterStore(store.dataSource()).list(true))
                .extracting(DeadLetter::systemId).containsExactly("kept");
    }

    @Test
    void severalInstancesOpeningANewDatabaseAtOnceAllSucceed() throws Exception {
        try (StateDatabase fresh = StateDatabase.create(kind, tempDir.resolve("race"))) {
            List<StateStore> instances = runAtOnce(4, instance -> StateStore.open(fresh.settings()));

            for (StateStore instance : instances) {
                assertThat(countRows(instance, "schema_version")).isEqualTo(SchemaScript.VERSION);
                instance.close();
            }
        }
    }

    @Test
    void describeNamesTheDatabaseAndItsUrl() {
        assertThat(store.describe())
                .startsWith(kind.productName() + " ")
                .endsWith(" at " + database.settings().redactedUrl());
        assertThat(store.toString()).contains(store.describe());
    }

    @Test
    void wrongCredentialsFailNamingTheUrlButNotThePassword() {
        StateStoreSettings wrong = new StateStoreSettings(database.settings().jdbcUrl(), "no_such_user",
                FAKE_PASSWORD, 1);

        assertThatThrownBy(() -> StateStore.open(wrong))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(database.settings().redactedUrl())
                .hasMessageContaining("no_such_user")
                .satisfies(error -> assertThat(stackTraceOf(error)).doesNotContain(FAKE_PASSWORD));
    }

    @Test
    void anotherProcessCanUseTheStoreWhileThisOneHoldsItOpen() throws Exception {
        DeadLetterStore deadLetters = new DeadLetterStore(store.dataSource());
        deadLetters.add(deadLetter("from-this-process"));

        List<String> results = OtherProcess.run(database.settings(), OtherProcess.COUNT_THEN_ADD);

        assertThat(results.get(0)).isEqualTo("1");
        assertThat(deadLetters.find(Long.parseLong(results.get(1)))).isPresent();
        assertThat(deadLetters.countOpen()).isEqualTo(2);
    }

    @Test
    void anEntryIsKeptWhenTheProcessDiesRightAfterAddReturned() throws Exception {
        store.close();
        store = null;

        List<String> results = OtherProcess.run(database.settings(), OtherProcess.ADD_THEN_DIE);

        store = StateStore.open(database.settings());
        assertThat(new DeadLetterStore(store.dataSource()).find(Long.parseLong(results.get(0))))
                .hasValueSatisfying(entry -> assertThat(entry.sourceRef()).isEqualTo(OtherProcess.ADD_THEN_DIE));
    }

    private static long countRows(StateStore instance, String table) throws SQLException {
        return queryLong(instance, "SELECT COUNT(*) FROM " + table);
    }

    private static long queryLong(StateStore instance, String sql) throws SQLException {
        try (Connection connection = instance.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static DeadLetter deadLetter(String systemId) {
        return DeadLetter.of("test", "line 1", systemId, SegmentAction.UPSERT, "{}", 400,
                Outcome.REJECTED, "bad", 1, Instant.now());
    }

    private static String stackTraceOf(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
