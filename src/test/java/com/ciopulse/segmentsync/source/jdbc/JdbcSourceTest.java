package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.source.PollBackoff;
import com.ciopulse.segmentsync.source.SourcePolls;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.SourceDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.ciopulse.segmentsync.testsupport.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The JDBC source end to end: the real template polling a real table, the pipeline, the sandbox over HTTP, and
 * the watermark in the state store. Every scenario runs with the table and the state store on H2, then on
 * PostgreSQL.
 */
@OnEachDatabase
class JdbcSourceTest {

    static final String SOURCE = "erp-units";
    static final String CREATE_TABLE = """
            CREATE TABLE %s (
                unit_id     VARCHAR(200) PRIMARY KEY,
                code        VARCHAR(16),
                name        VARCHAR(200),
                status      VARCHAR(16) NOT NULL,
                updated_at  TIMESTAMP NOT NULL
            )""";
    static final String[][] UNITS = {{"BU-1", "AUS", "Australia"}, {"BU-2", "NZ", "New Zealand"}, {"BU-3", "FJ", "Fiji"}};
    static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 10, 0);
    static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    StateDatabase.Kind kind;

    @TempDir
    Path tempDir;

    StateDatabase state;
    SourceDatabase source;
    SyncHarness sync;

    @BeforeEach
    void createTableAndStartTheSync() throws Exception {
        source = SourceDatabase.create(kind, Files.createDirectories(tempDir.resolve("source")));
        source.execute(CREATE_TABLE.formatted("business_units"));
        state = StateDatabase.create(kind, tempDir);
        sync = startSync();
    }

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.close();
        }
        if (state != null) {
            state.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void theFirstPollSendsEveryRowAndStoresTheHighestWatermark() throws Exception {
        insert("BU-1", "AUS", "Australia", "open", at(10));
        insert("BU-2", "NZ", "New Zealand", "open", at(30));
        insert("BU-3", "FJ", "Fiji", "open", at(20));

        addSource(SOURCE);

        awaitCheckpoint(SOURCE, at(30));
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("BU-1", "AUS", "Australia"),
                SandboxSegment.active("BU-2", "NZ", "New Zealand"),
                SandboxSegment.active("BU-3", "FJ", "Fiji"));
        assertThat(putsTo()).containsExactlyInAnyOrder("BU-1", "BU-2", "BU-3");
    }

    @Test
    void anUpdatedRowIsSentWithExactlyOnePutOnTheNextPoll() throws Exception {
        syncUnits(3);
        sync.sandbox.clearRequests();

        source.execute("UPDATE business_units SET name = ?, updated_at = ? WHERE unit_id = ?",
                "Aotearoa New Zealand", at(40), "BU-2");

        awaitCheckpoint(SOURCE, at(40));
        awaitPolls(SOURCE, 3);
        assertThat(sync.sandbox.segment("BU-2")).contains(SandboxSegment.active("BU-2", "NZ", "Aotearoa New Zealand"));
        assertThat(sync.sandbox.requests()).extracting(r -> r.method() + " " + systemIdOf(r) + " " + r.body())
                .containsExactly("PUT BU-2 {\"segment_code\":\"NZ\",\"segment_name\":\"Aotearoa New Zealand\",\"active\":\"y\"}");
        // polls that found only rows already handed over sent nothing: two batches, two runs in the history
        assertThat(sync.beans.syncRuns().recent(100)).extracting(SyncRun::source).containsExactly(SOURCE, SOURCE);
    }

    @Test
    void aRowWithTheSameTimestampAsTheWatermarkIsNotMissed() throws Exception {
        syncUnits(1);

        // committed after the poll that stored the watermark, with the very same timestamp
        insert("BU-2", "NZ", "New Zealand", "open", at(10));

        await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-2").isPresent());
        awaitPolls(SOURCE, 2);
        assertThat(putsTo()).containsExactlyInAnyOrder("BU-1", "BU-2");
        assertThat(checkpoint(SOURCE)).contains("timestamp " + at(10));
    }

    @Test
    void aRowCommittedLateWithAnOlderTimestampIsFoundWithinTheOverlap() throws Exception {
        insert("BU-1", "AUS", "Australia", "open", at(100));
        addSource(SOURCE, Map.of("overlap", "60"));
        awaitCheckpoint(SOURCE, at(100));

        // its transaction started (and took its timestamp) before BU-1's, but committed after the poll
        insert("BU-2", "NZ", "New Zealand", "open", at(70));

        await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-2").isPresent());
        assertThat(checkpoint(SOURCE)).contains("timestamp " + at(100));
        assertThat(putsTo()).containsExactlyInAnyOrder("BU-1", "BU-2");
    }

    @Test
    void aSoftDeletedRowBecomesInactive() throws Exception {
        syncUnits(2);

        source.execute("UPDATE business_units SET status = ?, updated_at = ? WHERE unit_id = ?", "Closed", at(30), "BU-1");

        await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-1").map(s -> s.active().equals("n")).orElse(false));
        assertThat(sync.sandbox.segment("BU-1")).contains(new SandboxSegment("BU-1", "AUS", "Australia", "n"));
        assertThat(sync.sandbox.segment("BU-2").orElseThrow().isActive()).isTrue();
    }

    @Test
    void aRestartResumesFromTheStoredWatermarkAndSendsNothingAcknowledgedAgain() throws Exception {
        syncUnits(2);
        sync.close();

        // while the sync is stopped: a new row, and a change the watermark cannot see (the row's timestamp did
        // not move), which a restart that read the table from the start would send
        insert("BU-3", "FJ", "Fiji", "open", at(30));
        source.execute("UPDATE business_units SET name = ? WHERE unit_id = ?", "Not seen", "BU-1");
        sync = startSync();
        addSource(SOURCE);

        awaitCheckpoint(SOURCE, at(30));
        awaitPolls(SOURCE, 2);
        // BU-2, at the stored watermark, is read again and ends unchanged, without a call
        assertThat(putsTo()).containsExactly("BU-3");
    }

    @Test
    void theDatabaseStoppedAndRestartedMidRunLosesNothing() throws Exception {
        insertUnits(2);
        try (TcpProxy database = TcpProxy.start(source.host(), source.port());
             LogCapture log = LogCapture.of(PollBackoff.class)) {
            addSource(SOURCE, Map.of("jdbcUrl", source.jdbcUrlVia(database.port()), "connectionTimeout", "500"));
            awaitCheckpoint(SOURCE, at(20));

            database.takeDown();
            await().atMost(WAIT).until(() -> failuresLogged(log) >= 2);
            // written while the source cannot reach the database
            insert("BU-3", "FJ", "Fiji", "open", at(30));
            source.execute("UPDATE business_units SET name = ?, updated_at = ? WHERE unit_id = ?", "Oz", at(40), "BU-1");
            assertThat(checkpoint(SOURCE)).contains("timestamp " + at(20));
            database.bringBack();

            awaitCheckpoint(SOURCE, at(40));
            assertThat(sync.sandbox.segment("BU-1").orElseThrow().segmentName()).isEqualTo("Oz");
            assertThat(sync.sandbox.segment("BU-3")).isPresent();
            assertThat(putsTo()).containsExactlyInAnyOrder("BU-1", "BU-2", "BU-3", "BU-1");
            assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN")).first().asString()
                    .contains("Source '" + SOURCE + "' failed to poll (1 in a row)")
                    .contains("could not read business_units at " + source.jdbcUrlVia(database.port()))
                    .contains("Nothing was acknowledged; next attempt in 0.2 s");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("INFO Source '" + SOURCE + "' polls again after"));
        }
    }

    @Test
    void theProgressGaugesMoveOnlyWithAnAcknowledgedPollAndShowANumberWatermark() throws Exception {
        source.execute("CREATE TABLE versioned_units (unit_id VARCHAR(200) PRIMARY KEY, code VARCHAR(16),"
                + " name VARCHAR(200), status VARCHAR(16) NOT NULL, version BIGINT NOT NULL)");
        source.execute("INSERT INTO versioned_units VALUES (?, ?, ?, ?, ?)", "BU-1", "AUS", "Australia", "open", 7);
        try (TcpProxy database = TcpProxy.start(source.host(), source.port());
             LogCapture log = LogCapture.of(PollBackoff.class)) {
            database.takeDown();
            addSource(SOURCE, Map.of("jdbcUrl", source.jdbcUrlVia(database.port()), "connectionTimeout", "500",
                    "table", "versioned_units", "watermarkColumn", "version"));

            // failed polls and the ticks skipped between them: none reached an acknowledgement
            await().atMost(WAIT).until(() -> failuresLogged(log) >= 3);
            assertThat(sync.gauge(SyncMetrics.LAST_SUCCESS, SOURCE)).isEmpty();
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).isEmpty();

            database.bringBack();
            await().atMost(WAIT).until(() -> sync.gauge(SyncMetrics.WATERMARK, SOURCE).isPresent());
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains(7.0);
            assertThat(sync.gauge(SyncMetrics.LAST_SUCCESS, SOURCE)).hasValueSatisfying(seconds -> assertThat(seconds)
                    .isCloseTo(Instant.now().getEpochSecond(), within(120.0)));
        }
    }

    @Test
    void a401HaltStopsPollingAndLeavesTheWatermarkUntilTheSyncResumes() throws Exception {
        sync.sandbox.faults().rejectCredentials(true);
        insertUnits(2);

        try (LogCapture polls = LogCapture.of(SourcePolls.class)) {
            addSource(SOURCE);

            await().atMost(WAIT).until(() ->
                    sync.context.getRouteController().getRouteStatus(SOURCE) == ServiceStatus.Suspended);
            // the halt, dealt with by the pipeline's error handling, still ends the poll on the sources' error path
            await().atMost(WAIT).until(() -> !polls.lines().isEmpty());
            assertThat(polls.lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("WARN Source '" + SOURCE + "': not acknowledged, its input is read again later"));
        }
        assertThat(checkpoint(SOURCE)).isEmpty();
        assertThat(sync.sandbox.segments()).isEmpty();

        sync.sandbox.faults().rejectCredentials(false);

        awaitCheckpoint(SOURCE, at(20));
        assertThat(sync.sandbox.segments()).hasSize(2);
    }

    @Test
    void twoInstancesReadTwoDatabasesAndKeepTheirOwnWatermarks() throws Exception {
        try (SourceDatabase second = SourceDatabase.create(kind, Files.createDirectories(tempDir.resolve("second")))) {
            second.execute(CREATE_TABLE.formatted("locations"));
            second.execute("INSERT INTO locations (unit_id, code, name, status, updated_at) VALUES (?, ?, ?, ?, ?)",
                    "LOC-1", "SYD", "Sydney", "open", at(500));
            insertUnits(1);

            addSource(SOURCE);
            addSource("erp-locations", Map.of("jdbcUrl", second.jdbcUrl(), "user", second.user(), "table", "locations"));

            awaitCheckpoint(SOURCE, at(10));
            awaitCheckpoint("erp-locations", at(500));
            assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId)
                    .containsExactlyInAnyOrder("BU-1", "LOC-1");
        }
    }

    @Test
    void inFullModeARowDeletedFromTheTableDeactivatesItsSegmentAndLeavesOthersAlone() throws Exception {
        for (int i = 1; i <= 6; i++) {
            insert("BU-" + i, "C" + i, "Unit " + i, "open", at(10));
        }
        sync.sandbox.seed(SandboxSegment.active("PORTAL-1", "P1", "Made in the Portal"));
        addSource(SOURCE, Map.of("mode", "full", "watermarkColumn", "-", "delay", "200"));
        await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 7);

        source.execute("DELETE FROM business_units WHERE unit_id = ?", "BU-2");

        await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-2").map(s -> s.active().equals("n")).orElse(false));
        assertThat(sync.sandbox.segments()).filteredOn(SandboxSegment::isActive).extracting(SandboxSegment::systemId)
                .containsExactlyInAnyOrder("BU-1", "BU-3", "BU-4", "BU-5", "BU-6", "PORTAL-1");
        assertThat(checkpoint(SOURCE)).as("full mode keeps no watermark").isEmpty();
        // every unit was written once, BU-2 once more to deactivate it; the unchanged polls cost no PUT
        awaitPolls(SOURCE, 2);
        assertThat(putsTo()).hasSize(7).containsOnlyOnce("BU-1", "BU-3", "BU-4", "BU-5", "BU-6");
    }

    @Test
    void inFullModeTheGuardStopsATableThatLostMostRowsAndTheSourceBacksOff() throws Exception {
        insertUnits(3);
        try (LogCapture log = LogCapture.of(PollBackoff.class)) {
            addSource(SOURCE, Map.of("mode", "full", "delay", "100"));
            await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 3);

            source.execute("DELETE FROM business_units WHERE unit_id <> ?", "BU-1");

            await().atMost(WAIT).until(() -> failuresLogged(log) >= 1);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("failed to poll").contains("guard"));
        }
        assertThat(sync.sandbox.segments()).allSatisfy(segment -> assertThat(segment.isActive()).isTrue());
        assertThat(sync.sandbox.requests()).noneMatch(r -> r.method().equals("PUT") && r.body().contains("\"active\":\"n\""));
    }

    /**
     * A row dated a day ahead of the database's clock is sent, but the watermark stays at the clock: a row written
     * afterwards with the database's own time is read by the next poll, not a day later. The row ahead is read
     * by every poll and not sent again, and it is logged once.
     */
    @Test
    void aRowDatedInTheFutureDoesNotHideRowsWrittenAfterIt() throws Exception {
        try (LogCapture log = LogCapture.of(JdbcSource.class)) {
            insertUnits(1);
            source.execute("INSERT INTO business_units (unit_id, code, name, status, updated_at) "
                    + "VALUES ('BU-AHEAD', 'AHD', 'Dated tomorrow', 'open', LOCALTIMESTAMP + INTERVAL '1' DAY)");

            addSource(SOURCE);
            await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-AHEAD").isPresent());
            awaitPolls(SOURCE, 2);
            LocalDateTime stored = LocalDateTime.parse(checkpoint(SOURCE).orElseThrow().substring("timestamp ".length()));
            assertThat(stored).isAfter(at(10)).isBefore(databaseTime().plusSeconds(1));

            source.execute("INSERT INTO business_units (unit_id, code, name, status, updated_at) "
                    + "VALUES ('BU-NOW', 'NOW', 'Written now', 'open', LOCALTIMESTAMP)");
            await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-NOW").isPresent());
            awaitPolls(SOURCE, 3);

            assertThat(putsTo()).containsExactlyInAnyOrder("BU-1", "BU-AHEAD", "BU-NOW");
            assertThat(log.lines()).filteredOn(line -> line.contains("dated in the future")).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("WARN").contains("'BU-AHEAD'"));
            assertThat(LocalDateTime.parse(checkpoint(SOURCE).orElseThrow().substring("timestamp ".length())))
                    .isBefore(databaseTime().plusSeconds(1));
        }
    }

    /** A watermark stored in the future (by a version without the cap) comes back to the clock on the next poll. */
    @Test
    void aStoredWatermarkInTheFutureComesBackToTheDatabaseClock() throws Exception {
        insertUnits(1);
        sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class)
                .save(SOURCE, "timestamp " + databaseTime().plusDays(1), Instant.now());
        source.execute("INSERT INTO business_units (unit_id, code, name, status, updated_at) "
                + "VALUES ('BU-NOW', 'NOW', 'Written now', 'open', LOCALTIMESTAMP)");

        addSource(SOURCE, Map.of("overlap", "5"));

        await().atMost(WAIT).until(() -> sync.sandbox.segment("BU-NOW").isPresent());
        awaitPolls(SOURCE, 2);
        assertThat(putsTo()).containsExactly("BU-NOW");
        assertThat(LocalDateTime.parse(checkpoint(SOURCE).orElseThrow().substring("timestamp ".length())))
                .isBefore(databaseTime().plusSeconds(1));
    }

    @Test
    void changesModeNeedsAWatermarkColumn() {
        assertThatThrownBy(() -> addSource(SOURCE, Map.of("watermarkColumn", "-")))
                .hasStackTraceContaining("watermarkColumn must be a table or column name");
    }

    @Test
    void sqlInARowIsOnlyData() throws Exception {
        String hostileId = "BU-1'; DROP TABLE business_units; --";
        String hostileName = "Robert'); DROP TABLE business_units; --";
        insert(hostileId, "BOBBY", hostileName, "open", at(10));

        addSource(SOURCE);

        awaitCheckpoint(SOURCE, at(10));
        assertThat(sync.sandbox.segment(hostileId)).contains(SandboxSegment.active(hostileId, "BOBBY", hostileName));
        assertThat(source.queryLong("SELECT COUNT(*) FROM business_units")).isEqualTo(1);
    }

    @Test
    void sqlInTheConfigurationIsRefusedAtStartOrStaysAName() throws Exception {
        insertUnits(1);

        assertThatThrownBy(() -> addSource("bad-table", Map.of("table", "business_units; DROP TABLE business_units; --")))
                .hasMessageContaining("Failed to create route: bad-table")
                .hasStackTraceContaining("table must be a table or column name such as business_units")
                .hasStackTraceContaining("not 'business_units; DROP TABLE business_units; --'");
        assertThatThrownBy(() -> addSource("bad-column", Map.of("segmentNameColumn",
                "name FROM business_units; DROP TABLE business_units; --")))
                .hasMessageContaining("Failed to create route: bad-column")
                .hasStackTraceContaining("segmentNameColumn must be a table or column name");

        // quoted, it is just a (missing) table's name: the poll fails and says so
        try (LogCapture log = LogCapture.of(PollBackoff.class)) {
            addSource("quoted", Map.of("table", "\"business_units; DROP TABLE business_units; --\""));
            await().atMost(WAIT).until(() -> failuresLogged(log) >= 1);
        }
        assertThat(source.queryLong("SELECT COUNT(*) FROM business_units")).isEqualTo(1);
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    // --- helpers ---

    /** The sync with its state store on this test's database of the same kind as the table's. */
    SyncHarness startSync() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.state.jdbc-url", state.settings().jdbcUrl());
        settings.setProperty("sync.state.user", state.settings().user());
        return SyncHarness.start(tempDir, settings);
    }

    void addSource(String routeId) throws Exception {
        addSource(routeId, Map.of());
    }

    /** A jdbc-source route on business_units polling every 100 ms; {@code overrides} win. */
    void addSource(String routeId, Map<String, String> overrides) throws Exception {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "jdbcUrl", source.jdbcUrl(),
                "user", source.user(),
                "table", "business_units",
                "overlap", "0",
                "delay", "100",
                "systemIdColumn", "unit_id",
                "segmentCodeColumn", "code",
                "segmentNameColumn", "name",
                "activeColumn", "",
                "statusColumn", "status"));
        parameters.put("inactiveValues", "closed, deleted");
        parameters.putAll(overrides);
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(sync.context, "jdbc-source").routeId(routeId);
        parameters.forEach(route::parameter);
        route.add();
    }

    /** Inserts the first {@code count} of BU-1 Australia, BU-2 New Zealand, BU-3 Fiji, stamped at(10), at(20), at(30). */
    void insertUnits(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            insert(UNITS[i][0], UNITS[i][1], UNITS[i][2], "open", at(10 * (i + 1)));
        }
    }

    /** Inserts {@code count} units, adds the source and waits until its first poll stored their watermark. */
    void syncUnits(int count) throws Exception {
        insertUnits(count);
        addSource(SOURCE);
        awaitCheckpoint(SOURCE, at(10 * count));
    }

    void insert(String unitId, String code, String name, String status, LocalDateTime updatedAt) throws Exception {
        source.execute("INSERT INTO business_units (unit_id, code, name, status, updated_at) VALUES (?, ?, ?, ?, ?)",
                unitId, code, name, status, updatedAt);
    }

    static LocalDateTime at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The source database's own clock, as a row written with LOCALTIMESTAMP gets it. */
    LocalDateTime databaseTime() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(source.jdbcUrl(), source.user(),
                source.password());
             java.sql.ResultSet now = connection.createStatement().executeQuery("SELECT LOCALTIMESTAMP")) {
            now.next();
            return now.getObject(1, LocalDateTime.class);
        }
    }

    Optional<String> checkpoint(String sourceId) {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(sourceId);
    }

    void awaitCheckpoint(String sourceId, LocalDateTime watermark) {
        await().atMost(WAIT).until(() -> checkpoint(sourceId).equals(Optional.of("timestamp " + watermark)));
    }

    /** Waits until the route has finished {@code polls} more polls from now. */
    void awaitPolls(String routeId, int polls) {
        NotifyBuilder done = new NotifyBuilder(sync.context).fromRoute(routeId).whenDone(polls).create();
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as(polls + " polls of " + routeId).isTrue();
    }

    /** The system ids of the PUTs the sandbox received, in order. */
    List<String> putsTo() {
        return sync.sandbox.requests().stream().filter(r -> r.method().equals("PUT")).map(JdbcSourceTest::systemIdOf).toList();
    }

    static String systemIdOf(RecordedRequest request) {
        return request.rawPath().substring(request.rawPath().lastIndexOf('/') + 1);
    }

    static long failuresLogged(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith("WARN") && line.contains("failed to poll")).count();
    }
}
