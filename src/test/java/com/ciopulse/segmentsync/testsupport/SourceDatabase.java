package com.ciopulse.segmentsync.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.Server;

/**
 * A database that a JDBC source reads, for one test: an H2 database served on a local TCP port (as a separate
 * database server would be), or a fresh PostgreSQL schema. Tests write its rows with {@link #execute}.
 */
public final class SourceDatabase implements AutoCloseable {

    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Server h2Server;
    private final PostgresTestDatabase postgres;

    private SourceDatabase(String jdbcUrl, String user, String password, Server h2Server, PostgresTestDatabase postgres) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.h2Server = h2Server;
        this.postgres = postgres;
    }

    /** A new empty database; for PostgreSQL, skips (fails on CI) the test when the server is not reachable. */
    public static SourceDatabase create(StateDatabase.Kind kind, Path tempDir) throws SQLException {
        return switch (kind) {
            case H2 -> {
                // -ifNotExists lets the first connection create the database; the server accepts local clients only
                Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                        tempDir.toAbsolutePath().toString()).start();
                yield new SourceDatabase("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/source", "sa", "", server, null);
            }
            case POSTGRESQL -> {
                PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
                yield new SourceDatabase(database.jdbcUrl(), database.user(), database.password(), null, database);
            }
        };
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Host and port of the server, from the URL: where a {@link TcpProxy} in front of it forwards to. */
    public String host() {
        return hostAndPort().group(1);
    }

    public int port() {
        return Integer.parseInt(hostAndPort().group(2));
    }

    /** The same database reached through another local port (a {@link TcpProxy}'s). */
    public String jdbcUrlVia(int localPort) {
        return HOST_AND_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + localPort + "/");
    }

    /** Runs one statement with bound parameters; returns the update count. */
    public int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** The first column of the first row of a query. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private Matcher hostAndPort() {
        Matcher matcher = HOST_AND_PORT.matcher(jdbcUrl);
        if (!matcher.find()) {
            throw new IllegalStateException("no host:port in " + jdbcUrl);
        }
        return matcher;
    }

    /** Stops the H2 server (its file goes with the temporary folder) or drops the PostgreSQL schema. */
    @Override
    public void close() throws SQLException {
        if (h2Server != null) {
            h2Server.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
