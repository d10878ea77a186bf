package com.ciopulse.segmentsync.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The statements of {@value #RESOURCE}, which create the schema idempotently on H2 and PostgreSQL. */
final class SchemaScript {

    static final String RESOURCE = "segment-sync/schema.sql";

    /** The version {@value #RESOURCE} brings the schema to; the {@code schema_version} table holds it. */
    static final int VERSION = 5;

    private static final int ATTEMPTS = 3;
    private static final Object IN_THIS_JVM = new Object();

    private final List<String> statements;

    private SchemaScript(List<String> statements) {
        this.statements = statements;
    }

    static SchemaScript load() {
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Drops comment lines, then splits on a ';' that ends a line. */
    private static SchemaScript parse(String script) {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        List<String> statements = Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
        return new SchemaScript(statements);
    }

    /**
     * Runs every statement, in one transaction where the database allows (PostgreSQL; H2 commits each DDL).
     * Instances starting at once on a new database race to create the same table, and the losers fail: within
     * one JVM a lock keeps them apart; across processes (several runners on one PostgreSQL) a failed attempt is
     * retried, and then finds the tables the winner created.
     */
    void apply(Connection connection) throws SQLException {
        synchronized (IN_THIS_JVM) {
            SQLException failure = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    applyOnce(connection);
                    return;
                } catch (SQLException e) {
                    if (failure != null) {
                        e.addSuppressed(failure);
                    }
                    failure = e;
                }
            }
            throw failure;
        }
    }

    private void applyOnce(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
