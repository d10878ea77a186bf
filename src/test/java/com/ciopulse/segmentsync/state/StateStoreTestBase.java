package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a {@link StateStore} on a new empty database of one kind before each test, and drops it after.
 * A store test holds its tests in an abstract subclass and runs them through one {@code @Nested} subclass per
 * kind ({@code OnH2}, {@code OnPostgreSQL}), so that the console and the reports name the database of each run.
 */
abstract class StateStoreTestBase {

    final StateDatabase.Kind kind;

    @TempDir
    Path tempDir;

    StateDatabase database;
    StateStore store;

    StateStoreTestBase(StateDatabase.Kind kind) {
        this.kind = kind;
    }

    @BeforeEach
    void openStoreOnNewDatabase() throws SQLException {
        database = StateDatabase.create(kind, tempDir);
        store = StateStore.open(database.settings());
    }

    @AfterEach
    void closeStoreAndDropDatabase() throws SQLException {
        if (store != null) {
            store.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** Closes the store and opens it again on the same database, as a restart of the runner does. */
    void reopenStore() {
        store.close();
        store = null; // so that a failing open below does not close the old store twice
        store = StateStore.open(database.settings());
    }
}
