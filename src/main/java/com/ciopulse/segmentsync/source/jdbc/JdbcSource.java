package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.source.PolledRecord;
import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.source.PolledSource;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.source.HandedOverRows;
import com.ciopulse.segmentsync.source.SourceSecret;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the {@code jdbc-source} template: its own connection pool, the query built from its settings,
 * and its watermark in the state store. The template sets the properties, then calls {@link #open()}; a setting
 * that would not be a plain table or column name stops the start there.
 *
 * <p>In mode {@code changes}, {@link #poll(String)} reads the rows at or after the stored watermark (less the
 * overlap), without those it already handed over unchanged; {@link #acknowledge} stores the highest watermark sent,
 * capped at the database's clock as the poll began ({@link DatabaseClock}), and is called only after every row has
 * an outcome. In mode {@code full}, {@link #snapshot(String)} reads the whole
 * table for the reconcile, which also sees the rows that were deleted; no watermark is kept or needed.
 */
public class JdbcSource extends PolledSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);
    // password=... as a URL query parameter (PostgreSQL) or a ;-separated setting (H2), any case
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final int MAX_POOL_SIZE = 2; // one poll at a time, plus one being given back
    private static final Clock CLOCK = Clock.systemUTC();

    private String mode = "changes";
    private String jdbcUrl;
    private String user = "";
    private String passwordFile = "";
    private String table;
    private String watermarkColumn;
    private String systemIdColumn;
    private String segmentCodeColumn;
    private String segmentNameColumn;
    private String activeColumn;
    private String statusColumn;
    private String inactiveValues;
    private long connectionTimeout = 10_000;
    private int queryTimeout = 60;

    private String password = "";
    private SegmentMapping mapping;
    private TableQuery query;
    private HikariDataSource pool;
    private TableReader reader;
    /** The rows dated in the future this source already warned of, while they still are. */
    private final Set<String> warnedAhead = new HashSet<>();
    private final HandedOverRows<PolledRecord<Watermark>, Watermark> handedOver =
            new HandedOverRows<>(PolledRecord::mark, Watermark::isBefore);

    /**
     * Checks the settings: a name that is not a plain or quoted SQL name, or a missing setting, stops the start
     * here, before anything connects.
     *
     * @throws IllegalArgumentException naming the parameter and the value refused
     */
    public void open() {
        requireSet("jdbcUrl", jdbcUrl);
        if (!mode.equals("changes") && !mode.equals("full")) {
            throw new IllegalArgumentException("JDBC source: mode must be changes or full, not '" + mode + "'");
        }
        requireDriver();
        requireStores();
        try {
            mapping = mapping(systemIdColumn, segmentCodeColumn, segmentNameColumn, activeColumn, statusColumn,
                    inactiveValues);
            List<String> columns = List.copyOf(mapping.names().values());
            query = isFull() ? TableQuery.wholeTable(table, watermarkColumn, columns)
                    : new TableQuery(table, watermarkColumn, columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JDBC source on " + redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The mapping the column settings give: a column left empty or {@code -} is not read, so the API keeps that
     * field. With a status column, a row whose status is one of the inactive values is {@code active=n}; any other
     * is {@code active=y}, unless an active column is mapped too, which then decides.
     *
     * @param inactiveValues comma-separated status values meaning inactive, compared ignoring case
     * @throws IllegalArgumentException when a column is not a plain or quoted SQL name, or a status column has no
     *                                  inactive values
     */
    static SegmentMapping mapping(String systemIdColumn, String segmentCodeColumn, String segmentNameColumn,
                                  String activeColumn, String statusColumn, String inactiveValues) {
        SegmentMapping.Builder mapping = SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.name(SqlIdentifier.require("systemIdColumn", systemIdColumn)))
                .field(SegmentRecords.SEGMENT_CODE, column("segmentCodeColumn", segmentCodeColumn))
                .field(SegmentRecords.SEGMENT_NAME, column("segmentNameColumn", segmentNameColumn))
                .field(SegmentRecords.ACTIVE, column("activeColumn", activeColumn))
                .nestedValuesAsJson();
        FieldSource status = column("statusColumn", statusColumn);
        if (!status.isNone()) {
            Set<String> inactive = SegmentMapping.valueSet(inactiveValues);
            if (inactive.isEmpty()) {
                throw new IllegalArgumentException("statusColumn " + status
                        + " needs inactiveValues: the status values that mean the unit is inactive (e.g. closed,deleted)");
            }
            mapping.deactivatedBy(status, inactive);
        }
        return mapping.build();
    }

    private static FieldSource column(String parameter, String column) {
        return unset(column) ? FieldSource.NONE : FieldSource.name(SqlIdentifier.require(parameter, column));
    }

    /**
     * The rows at or after the stored watermark, less the overlap, but those this source already handed over
     * with the same content and watermark; every row on the first poll. The first poll
     * creates the connection pool, for the source the route names (its password is that source's setting); the
     * pool connects on demand, so a database that is down when the sync starts only delays this source.
     *
     * @throws JdbcSourceException when the database cannot be reached, the query fails or the stored watermark
     *                             cannot be read
     */
    public synchronized PolledRows poll(String source) {
        if (isFull()) {
            throw new IllegalStateException("JDBC source '" + source + "' is in full mode: it is read by snapshot()");
        }
        return reading(source, () -> {
            Watermark stored = checkpoints.find(sourceId).map(Watermark::decode).orElse(null);
            showWatermark(stored);
            PolledRows read = reader.readChanges(sourceId, stored, overlap);
            warnOfTheFuture(read);
            return read.only(read.rows().stream().filter(row -> !handedOver.contains(row)).toList(), this);
        });
    }

    /**
     * Says once per row (system id and watermark) that it is dated after the database's clock: it is sent, but the
     * watermark stays at the clock, so every poll reads it again until the clock passes it.
     */
    private void warnOfTheFuture(PolledRows read) {
        List<PolledRecord<Watermark>> ahead = read.datedInTheFuture();
        warnedAhead.retainAll(ahead.stream().map(JdbcSource::rowKey).toList());
        for (PolledRecord<Watermark> row : ahead) {
            if (warnedAhead.add(rowKey(row))) {
                LOG.warn("JDBC source '{}': the row of system_id '{}' is dated in the future ({}, the database's "
                        + "clock reads {}): it is sent, the watermark stays at the clock, and every poll reads the "
                        + "row again until the clock passes it (unchanged, it is not sent again)", sourceId,
                        row.record().systemId(), row.record().sourceRef(),
                        read.clock().as(row.mark().kind()).value());
            }
        }
    }

    private static String rowKey(PolledRecord<Watermark> row) {
        return row.record().systemId() + '\n' + row.mark();
    }

    /**
     * Every row of the table, as one snapshot for the reconcile (mode {@code full}). Connects as {@link #poll} does.
     *
     * @throws JdbcSourceException when the database cannot be reached or the query fails
     */
    public synchronized List<SegmentRecord> snapshot(String source) {
        List<SegmentRecord> records = reading(source, () -> reader.read(sourceId, null).stream().map(PolledRecord::record).toList());
        LOG.debug("JDBC source '{}': {} rows in {}", sourceId, records.size(), query.table());
        return records;
    }

    /** Runs one read, connecting first when this source has not read yet; a failure becomes a masked message. */
    private <T> T reading(String source, TableRead<T> read) {
        if (reader == null) {
            connect(source);
        }
        try {
            return read.run();
        } catch (SQLException | IllegalArgumentException e) {
            // no cause: a driver's exception chain could show the password; the message holds the reasons, masked
            throw new JdbcSourceException("JDBC source '" + sourceId + "' could not read " + query.table() + " at "
                    + redactedUrl() + ": " + mask(reason(e)), null);
        }
    }

    /** The stored watermark as a gauge, where it is a number. */
    private void showWatermark(Watermark stored) {
        if (stored != null) {
            showWatermark(stored.asNumber());
        }
    }

    @FunctionalInterface
    private interface TableRead<T> {
        T run() throws SQLException;
    }

    private void connect(String source) {
        sourceId = source;
        password = readPassword();
        try {
            pool = new HikariDataSource(poolConfig());
        } catch (RuntimeException e) {
            throw new JdbcSourceException("JDBC source '" + sourceId + "' cannot use " + redactedUrl() + ": "
                    + mask(String.valueOf(e.getMessage())), null);
        }
        reader = new TableReader(pool, query, mapping, queryTimeout);
        LOG.info("JDBC source '{}' reads {} at {} {}", sourceId, query.table(), redactedUrl(),
                isFull() ? "whole, as a snapshot" : "by " + query.watermarkColumn());
    }

    /**
     * Moves the watermark to the highest one the poll read, once the pipeline answered for every row. A dry run's
     * rows ({@code planned}) were not sent, so it keeps the watermark where it was. Logs at INFO only a poll that
     * changed something: the rows at the watermark come back unchanged on every poll.
     */
    synchronized void acknowledge(PolledRows polled, BatchResult result) {
        requireAnOutcomeEach(polled.records().size(), result);
        if (result.isDryRun()) {
            acknowledgedDryRun(polled, result);
            handedOver.add(polled.rows(), polled.stored() == null ? null : polled.stored().minus(overlap));
            return;
        }
        Watermark next = polled.next();
        if (next != null && !next.equals(polled.stored())) {
            checkpoints.save(sourceId, next.encode(), CLOCK.instant());
            showWatermark(next);
        }
        handedOver.add(polled.rows(), next == null ? null : next.minus(overlap));
        acknowledged(polled, result, next);
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private boolean isFull() {
        return mode.equals("full");
    }

    private HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("segment-sync-source-" + sourceId);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(0);
        // start without a connection; a poll that cannot get one within the timeout fails and backs off
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(connectionTimeout);
        config.setReadOnly(true);
        return config;
    }

    /** The setting sync.jdbc.SOURCE.password (env SYNC_JDBC_SOURCE_PASSWORD), else the password file's content. */
    private String readPassword() {
        try {
            return SourceSecret.read(secrets, "sync.jdbc." + sourceId + ".password", passwordFile);
        } catch (IOException | RuntimeException e) {
            throw new JdbcSourceException("JDBC source '" + sourceId + "' cannot read the password file "
                    + passwordFile.trim() + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The exception's message and, when it differs, its root cause's (HikariCP's timeout hides the driver's). */
    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(error.getMessage());
        return root == error || message.contains(String.valueOf(root.getMessage())) ? message
                : message + "; cause: " + root.getMessage();
    }

    private String redactedUrl() {
        return PASSWORD_IN_URL.matcher(jdbcUrl).replaceAll("$1****");
    }

    /** A driver's message with this source's password and any password= setting masked. */
    private String mask(String text) {
        String masked = password.isEmpty() ? text : text.replace(password, "****");
        return PASSWORD_IN_URL.matcher(masked).replaceAll("$1****");
    }

    private void requireDriver() {
        try {
            DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalArgumentException("JDBC source: no JDBC driver on the classpath takes " + redactedUrl()
                    + " (the jar brings PostgreSQL and H2)", null);
        }
    }

    private static void requireSet(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("JDBC source: " + parameter + " is required");
        }
    }

    public void setMode(String mode) {
        this.mode = mode == null ? "changes" : mode.trim();
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl == null ? null : jdbcUrl.trim();
    }

    public void setUser(String user) {
        this.user = user == null ? "" : user.trim();
    }

    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setWatermarkColumn(String watermarkColumn) {
        this.watermarkColumn = watermarkColumn;
    }

    public void setSystemIdColumn(String systemIdColumn) {
        this.systemIdColumn = systemIdColumn;
    }

    public void setSegmentCodeColumn(String segmentCodeColumn) {
        this.segmentCodeColumn = segmentCodeColumn;
    }

    public void setSegmentNameColumn(String segmentNameColumn) {
        this.segmentNameColumn = segmentNameColumn;
    }

    public void setActiveColumn(String activeColumn) {
        this.activeColumn = activeColumn;
    }

    public void setStatusColumn(String statusColumn) {
        this.statusColumn = statusColumn;
    }

    public void setInactiveValues(String inactiveValues) {
        this.inactiveValues = inactiveValues;
    }

    public void setConnectionTimeout(long connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public void setQueryTimeout(int queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    @Override
    protected String kind() {
        return "JDBC source";
    }

    @Override
    protected String reads() {
        return table + " at " + (jdbcUrl == null ? "?" : redactedUrl());
    }
}
