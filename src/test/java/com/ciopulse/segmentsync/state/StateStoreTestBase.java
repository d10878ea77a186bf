package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Opens a {@link StateStore} on a new empty database of one kind before each test, and drops it after.
 * A store test extends it and is annotated {@link OnEachDatabase}, which runs it once for each kind.
 */
abstract class StateStoreTestBase {

    @Parameter
    StateDatabase.Kind kind;

    @TempDir
    Path tempDir;

    StateDatabase database;
    StateStore store;

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
