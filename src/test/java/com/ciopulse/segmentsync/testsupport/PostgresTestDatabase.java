package com.ciopulse.segmentsync.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL schema for one test, dropped again on {@link #close()}, so tests never meet each
 * other's data nor anything else in the database.
 * <p>
 * The server is {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} without password, unless
 * the environment variables {@value #URL_ENV}, {@value #USER_ENV} and {@value #PASSWORD_ENV} say otherwise.
 * When the server cannot be reached, the calling test is skipped with the reason, or fails when
 * {@value #REQUIRE_ENV}{@code =true} (CI sets it, so a missing PostgreSQL never passes as green).
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_ENV = "TEST_POSTGRES_URL";
    public static final String USER_ENV = "TEST_POSTGRES_USER";
    public static final String PASSWORD_ENV = "TEST_POSTGRES_PASSWORD";
    public static final String REQUIRE_ENV = "CI_REQUIRE_POSTGRES";

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String START_HINT = "start it with 'pg_ctlcluster --skip-systemctl-redirect"
            + " $(ls /etc/postgresql) main start'; CI starts it (.ci/run)";

    // the first failed connection, so that the other tests skip at once instead of waiting for a timeout each
    private static volatile String unreachableReason;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String schema;

    private PostgresTestDatabase(String serverUrl, String user, String password, String schema) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Creates a schema {@code it_<random>}, or skips (fails on CI) the calling test when the server is down. */
    public static PostgresTestDatabase createFreshSchema() throws SQLException {
        String serverUrl = env(URL_ENV, DEFAULT_URL);
        String user = env(USER_ENV, "postgres");
        String password = env(PASSWORD_ENV, "");
        requireReachable(serverUrl, user, password);
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresTestDatabase database = new PostgresTestDatabase(serverUrl, user, password, schema);
        database.execute("CREATE SCHEMA " + schema);
        return database;
    }

    /** The JDBC URL whose connections work in this schema ({@code currentSchema=}). */
    public String jdbcUrl() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    /** Drops the schema and all it holds. Close the pools on it first. */
    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String ddl) throws SQLException {
        try (Connection connection = connect(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    private static void requireReachable(String serverUrl, String user, String password) {
        if (unreachableReason == null) {
            try (Connection ignored = connect(serverUrl, user, password)) {
                return;
            } catch (SQLException e) {
                unreachableReason = e.getMessage();
            }
        }
        String message = "PostgreSQL not reachable at " + serverUrl + " (" + unreachableReason + "): " + START_HINT;
        if ("true".equals(env(REQUIRE_ENV, "").toLowerCase(Locale.ROOT))) {
            fail(message + " [" + REQUIRE_ENV + "=true: failing instead of skipping]");
        }
        assumeTrue(false, message + " [skipped; " + REQUIRE_ENV + "=true makes this fail]");
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5"); // seconds; the driver waits 10 by default
        return DriverManager.getConnection(url, properties);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
