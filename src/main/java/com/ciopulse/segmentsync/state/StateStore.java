package com.ciopulse.segmentsync.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The state store: a bounded connection pool on one database whose schema is created at {@link #open}.
 * The stores ({@link DeadLetterStore}, {@link SyncRunStore}, ...) work on its {@link #dataSource()}.
 * Close it to release the pool (and, for H2, the database file). An H2 database that closed itself after a failed
 * write is opened again by the pool's next connection (see {@link ClosedDatabaseEviction}).
 */
public final class StateStore implements AutoCloseable {

    /** Name of the connection pool, as HikariCP's logs and metrics show it. */
    public static final String POOL_NAME = "segment-sync-state";

    private final HikariDataSource dataSource;
    private final String description;

    private StateStore(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Connects and creates or completes the schema from {@code segment-sync/schema.sql} (safe on every start).
     * For an H2 file database, creates the data folder first when it is missing.
     *
     * @throws StateStoreException when the folder cannot be created, the database cannot be reached or the
     *                             schema cannot be created; the message names the URL, never the password
     */
    public static StateStore open(StateStoreSettings settings) {
        settings.h2FileFolder().ifPresent(folder -> createFolder(folder, settings));
        HikariDataSource dataSource;
        ClosedDatabaseEviction eviction = new ClosedDatabaseEviction();
        try {
            dataSource = new HikariDataSource(poolConfig(settings, eviction));
            eviction.evictAllWith(dataSource.getHikariPoolMXBean()::softEvictConnections);
        } catch (RuntimeException e) {
            throw failure("cannot connect to the state store at " + settings.redactedUrl()
                    + " as user '" + settings.user() + "'", e, settings);
        }
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            String description = database.getDatabaseProductName() + " " + database.getDatabaseProductVersion()
                    + " at " + settings.redactedUrl();
            SchemaScript.load().apply(connection);
            settings.h2FileFolder().ifPresent(StateStore::restrictDatabaseFiles);
            return new StateStore(dataSource, description);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw failure("cannot create the state store schema at " + settings.redactedUrl(), e, settings);
        }
    }

    /** The pooled connections; autocommit is on, so each statement is durable when it returns. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** For logs: database product, version and URL, without the password. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "StateStore[" + description + "]";
    }

    /** Closes every pooled connection; an H2 file database is closed with the last one. */
    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig poolConfig(StateStoreSettings settings, ClosedDatabaseEviction eviction) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(1, settings.maxPoolSize()));
        config.setAutoCommit(true);
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setExceptionOverride(eviction);
        return config;
    }

    /**
     * The database files H2 created with the process's umask: for the owner's eyes only, even where the folder was
     * there before (and is not rwx------).
     */
    private static void restrictDatabaseFiles(Path folder) {
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && file.getFileName().toString().startsWith(StateStoreSettings.H2_DATABASE_NAME)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot make the state store files in " + folder + " readable by their "
                    + "owner only: " + e.getMessage(), e);
        }
    }

    private static void createFolder(Path folder, StateStoreSettings settings) {
        try {
            boolean created = !Files.isDirectory(folder);
            Files.createDirectories(folder);
            // dead letters hold payloads and the state what was sent: for the owner's eyes only
            if (created && folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | RuntimeException e) {
            throw failure("cannot create the state store folder " + folder + " for " + settings.redactedUrl(), e, settings);
        }
    }

    /**
     * The error to throw: the context plus the reason a driver gave, with the password masked wherever it
     * shows. The original exception is kept as the cause (for its stack trace) only when no message in its
     * chain holds the password.
     */
    private static StateStoreException failure(String context, Throwable error, StateStoreSettings settings) {
        Throwable reason = error.getCause() != null ? error.getCause() : error; // skip HikariCP's wrapper
        String message = context + ": " + settings.mask(String.valueOf(reason.getMessage()));
        return new StateStoreException(message, revealsPassword(error, settings) ? null : error);
    }

    private static boolean revealsPassword(Throwable error, StateStoreSettings settings) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (!settings.mask(message).equals(message)) {
                return true;
            }
        }
        return false;
    }
}
