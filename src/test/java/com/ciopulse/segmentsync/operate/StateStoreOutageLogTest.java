package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.state.StateStoreException;
import com.ciopulse.segmentsync.testsupport.CuttableStateStore;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SourceDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        try (CuttableStateStore store = CuttableStateStore.start();
             SyncHarness sync = SyncHarness.start(work.resolve("data"), store.settings())) {
            DropFolder drop = new DropFolder(work.resolve("drop"));
            Files.createDirectories(drop.dir());
            sync.sandbox.faults().latency(Duration.ofMillis(20));
            drop.addSource(sync.context, "file-drop");
            drop.write("units.csv", csv());
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.sandbox.requestCount() >= RECORDS / 4);

            store.cut();

            // the file in flight, then at least three more polls of it, fail
            await().atMost(Duration.ofSeconds(60)).until(() -> rollbacks(store.log()) >= 4);
            store.letThrough();
            await().atMost(Duration.ofSeconds(60)).until(() -> drop.done().size() == 1);

            assertThat(sync.sandbox.segments()).hasSize(RECORDS);
            List<String> outage = store.assertOutageLoggedOnce("file-drop");
            assertThat(outage).as("a line per failed poll of the file, then one").hasSize(rollbacks(store.log()) + 1);
        }
    }

    @Test
    void aJdbcSourceLogsTheOutageOnceToo() throws Exception {
        try (CuttableStateStore store = CuttableStateStore.start();
             SourceDatabase table = SourceDatabase.create(StateDatabase.Kind.H2,
                     Files.createDirectories(work.resolve("source")));
             SyncHarness sync = SyncHarness.start(work.resolve("data"), store.settings())) {
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

            store.cut();
            await().atMost(Duration.ofSeconds(60)).until(() -> store.outageLines().size() >= 4);
            insert(table, 2);
            store.letThrough();

            await().atMost(Duration.ofSeconds(60)).until(() -> sync.sandbox.segment("BU-2").isPresent());
            store.assertOutageLoggedOnce("erp-units");
        }
    }

    @Test
    void theReasonIsTheDriversLastWordEvenWhenTheCutConnectionEndsInAnExceptionWithout() {
        StateStoreException cut = new StateStoreException("cannot read the sync state of segment '167'",
                new SQLException("An I/O error occurred while sending to the backend.", "08006", new EOFException()));

        assertThat(StateStoreOutage.reason(new RuntimeCamelException(cut)))
                .isEqualTo("cannot read the sync state of segment '167': An I/O error occurred while sending to the backend");
        assertThat(StateStoreOutage.reason(new StateStoreException("cannot store the checkpoint", new EOFException())))
                .isEqualTo("cannot store the checkpoint: EOFException");
    }

    private static void insert(SourceDatabase table, int unit) throws Exception {
        table.execute("INSERT INTO business_units (unit_id, code, name, updated_at) VALUES (?, ?, ?, ?)",
                "BU-" + unit, "C" + unit, "Unit " + unit, LocalDateTime.of(2026, 3, 1, 10, unit));
    }

    /** Camel's file consumer logs each rollback: one per failed poll of the file. */
    private static int rollbacks(LogCapture log) {
        return (int) log.lines().stream().filter(line -> line.startsWith("WARN Rollback file strategy")).count();
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                .append(",Unit ").append(i).append('\n'));
        return csv.toString();
    }
}
