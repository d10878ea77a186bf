package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import com.ciopulse.segmentsync.testsupport.SourceDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.ciopulse.segmentsync.testsupport.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * What an operator reads while the state store (PostgreSQL behind a TCP proxy that cuts it off) is down for several
 * polls of a source: one ERROR line with the reason when the polls start failing, one short WARN per further failed
 * poll, one INFO line when the store answers again; no stack trace at any of them.
 */
class StateStoreOutageLogTest {

    static final int RECORDS = 400;

    @TempDir
    Path work;

    @Test
    void anOutageLogsOneErrorThenAShortWarningPerFailedPollThenOneLineWhenTheStoreIsBack() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl());
             LogCapture log = LogCapture.of(Logger.ROOT_LOGGER_NAME);
             SyncHarness sync = SyncHarness.start(work.resolve("data"), settings(proxy, database))) {
            DropFolder drop = new DropFolder(work.resolve("drop"));
            Files.createDirectories(drop.dir());
            sync.sandbox.faults().latency(Duration.ofMillis(20));
            drop.addSource(sync.context, "file-drop");
            drop.write("units.csv", csv());
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.sandbox.requestCount() >= RECORDS / 4);

            proxy.takeDown();

            // the file in flight, then at least three more polls of it, fail
            await().atMost(Duration.ofSeconds(60)).until(() -> rollbacks(log) >= 4);
            proxy.bringBack();
            await().atMost(Duration.ofSeconds(60)).until(() -> drop.done().size() == 1);

            assertThat(sync.sandbox.segments()).hasSize(RECORDS);
            List<String> outage = assertLoggedOnce(log, "file-drop");
            assertThat(outage).as("a line per failed poll of the file, then one").hasSize(rollbacks(log) + 1);
        }
    }

    @Test
    void aJdbcSourceLogsTheOutageOnceToo() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl());
             SourceDatabase table = SourceDatabase.create(StateDatabase.Kind.H2,
                     Files.createDirectories(work.resolve("source")));
             LogCapture log = LogCapture.of(Logger.ROOT_LOGGER_NAME);
             SyncHarness sync = SyncHarness.start(work.resolve("data"), settings(proxy, database))) {
            table.execute("CREATE TABLE business_units (unit_id VARCHAR(20) PRIMARY KEY, code VARCHAR(16),"
                    + " name VARCHAR(200), updated_at TIMESTAMP NOT NULL)");
            insert(table, 1);
            TemplatedRouteBuilder.builder(sync.context, "jdbc-source").routeId("erp-units")
                    .parameter("jdbcUrl", table.jdbcUrl()).parameter("user", table.user())
                    .parameter("table", "business_units").parameter("delay", "200").parameter("overlap", "0")
                    .parameter("systemIdColumn", "unit_id").parameter("segmentCodeColumn", "code")
                    .parameter("segmentNameColumn", "name").parameter("activeColumn", "")
                    .add();
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.sandbox.segment("BU-1").isPresent());

            proxy.takeDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> linesOf(log, StateStoreOutage.class).size() >= 4);
            insert(table, 2);
            proxy.bringBack();

            await().atMost(Duration.ofSeconds(60)).until(() -> sync.sandbox.segment("BU-2").isPresent());
            assertLoggedOnce(log, "erp-units");
        }
    }

    /**
     * One ERROR line naming what could not be stored, one WARN per further failed poll, one INFO at the end; no other
     * ERROR line and no stack trace at ERROR anywhere.
     *
     * @return the outage's lines
     */
    private static List<String> assertLoggedOnce(LogCapture log, String source) {
        List<String> outage = linesOf(log, StateStoreOutage.class);
        assertThat(outage.get(0)).startsWith("ERROR The state store does not answer: cannot ")
                .contains(source + " and every source acknowledge nothing until it does");
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

    private static void insert(SourceDatabase table, int unit) throws Exception {
        table.execute("INSERT INTO business_units (unit_id, code, name, updated_at) VALUES (?, ?, ?, ?)",
                "BU-" + unit, "C" + unit, "Unit " + unit, LocalDateTime.of(2026, 3, 1, 10, unit));
    }

    private static Properties settings(TcpProxy proxy, PostgresTestDatabase database) {
        Properties settings = new Properties();
        settings.setProperty("sync.state.jdbc-url", proxy.jdbcUrlThrough(database.jdbcUrl()));
        settings.setProperty("sync.state.user", database.user());
        // each poll of the file gives up quickly on the store
        settings.setProperty("sync.state.connection-timeout-ms", "500");
        return settings;
    }

    /** Camel's file consumer logs each rollback: one per failed poll of the file. */
    private static int rollbacks(LogCapture log) {
        return (int) log.lines().stream().filter(line -> line.startsWith("WARN Rollback file strategy")).count();
    }

    private static List<String> linesOf(LogCapture log, Class<?> source) {
        return log.events().stream().filter(event -> event.getLoggerName().equals(source.getName()))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                .append(",Unit ").append(i).append('\n'));
        return csv.toString();
    }
}
