package com.ciopulse.segmentsync.testsupport;

import com.ciopulse.segmentsync.state.StateStoreSettings;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An empty state database of one {@link Kind} for one test: the default H2 file database in a not yet existing
 * folder under a temporary one, or a fresh PostgreSQL schema. Close it after the stores opened on it.
 */
public final class StateDatabase implements AutoCloseable {

    /** The databases the state store supports; store tests run once on each. */
    public enum Kind {
        H2("H2"),
        POSTGRESQL("PostgreSQL");

        private final String productName;

        Kind(String productName) {
            this.productName = productName;
        }

        /** The name JDBC metadata gives the database. */
        public String productName() {
            return productName;
        }
    }

    private final StateStoreSettings settings;
    private final PostgresTestDatabase postgres;

    private StateDatabase(StateStoreSettings settings, PostgresTestDatabase postgres) {
        this.settings = settings;
        this.postgres = postgres;
    }

    /** A new empty database; for PostgreSQL, skips (fails on CI) the test when the server is not reachable. */
    public static StateDatabase create(Kind kind, Path tempDir) throws SQLException {
        return switch (kind) {
            case H2 -> new StateDatabase(StateStoreSettings.h2FileIn(tempDir.resolve("data")), null);
            case POSTGRESQL -> {
                PostgresTestDatabase postgres = PostgresTestDatabase.createFreshSchema();
                yield new StateDatabase(new StateStoreSettings(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        StateStoreSettings.DEFAULT_MAX_POOL_SIZE), postgres);
            }
        };
    }

    /** Settings that open this database. */
    public StateStoreSettings settings() {
        return settings;
    }

    /** Drops the PostgreSQL schema; the H2 file goes with the temporary folder. */
    @Override
    public void close() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
