package com.ciopulse.segmentsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.ciopulse.segmentsync.operate.StateStoreOutage;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * A state store on PostgreSQL (a fresh schema) behind a {@link TcpProxy} that a test cuts and lets through again,
 * and everything logged meanwhile: what an operator reads while the store is down for several polls of a source.
 * Open it before the {@link SyncHarness} that uses its {@link #settings()}, so that the sync is closed first.
 */
public final class CuttableStateStore implements AutoCloseable {

    private final PostgresTestDatabase database;
    private final TcpProxy proxy;
    private final LogCapture log;

    private CuttableStateStore(PostgresTestDatabase database, TcpProxy proxy, LogCapture log) {
        this.database = database;
        this.proxy = proxy;
        this.log = log;
    }

    /** A fresh schema behind a proxy, and the root logger captured; skips (fails on CI) without PostgreSQL. */
    public static CuttableStateStore start() throws SQLException, IOException {
        PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
        try {
            return new CuttableStateStore(database, TcpProxy.inFrontOf(database.jdbcUrl()),
                    LogCapture.of(Logger.ROOT_LOGGER_NAME));
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The harness settings that put the state store behind the proxy; {@code more} are added. */
    public Properties settings(Properties more) {
        Properties settings = new Properties();
        settings.putAll(more);
        settings.setProperty("sync.state.jdbc-url", proxy.jdbcUrlThrough(database.jdbcUrl()));
        settings.setProperty("sync.state.user", database.user());
        // each poll gives up quickly on the store
        settings.setProperty("sync.state.connection-timeout-ms", "500");
        return settings;
    }

    public Properties settings() {
        return settings(new Properties());
    }

    /** Cuts every connection and refuses new ones: the database looks stopped. */
    public void cut() throws IOException {
        proxy.takeDown();
    }

    /** Lets connections through again: the database looks restarted. */
    public void letThrough() throws IOException {
        proxy.bringBack();
    }

    public LogCapture log() {
        return log;
    }

    /** The lines of {@link StateStoreOutage}, as {@code LEVEL message}. */
    public List<String> outageLines() {
        return log.events().stream().filter(event -> event.getLoggerName().equals(StateStoreOutage.class.getName()))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }

    /**
     * One ERROR line naming what could not be stored, one WARN per further failed poll of {@code source} (at least
     * two), one INFO at the end; no other ERROR line and no stack trace at ERROR anywhere.
     *
     * @return the outage's lines
     */
    public List<String> assertOutageLoggedOnce(String source) {
        List<String> outage = outageLines();
        assertThat(outage).as("the outage's lines").isNotEmpty();
        assertThat(outage.get(0)).startsWith("ERROR The state store does not answer: cannot ")
                .contains(source + " and every source acknowledge nothing until it does").doesNotContain(": null");
        int failedPolls = outage.size() - 1;
        assertThat(outage.subList(1, failedPolls)).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> assertThat(line)
                .matches("WARN " + source + ": poll failed, the state store still does not answer"
                        + " \\(\\d+ failed polls in \\d+ s\\)"));
        assertThat(outage.get(failedPolls))
                .matches("INFO The state store answers again after \\d+ s \\(" + failedPolls
                        + " failed polls\\); the sources go on");
        assertThat(log.lines()).as("one ERROR line for the whole outage").filteredOn(line -> line.startsWith("ERROR"))
                .containsExactly(outage.get(0));
        assertThat(log.events()).as("no stack trace at ERROR").filteredOn(event -> event.getLevel() == Level.ERROR)
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        return outage;
    }

    @Override
    public void close() throws IOException, SQLException {
        log.close();
        try {
            proxy.close();
        } finally {
            database.close();
        }
    }
}
