package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.source.PolledRecord;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the rows of one poll with a prepared statement, then gives the connection back: the database is not held
 * while the records travel to the API. A poll's rows are kept in memory (a business-unit table is small); the
 * first poll reads the whole table.
 */
final class TableReader {

    private final DataSource dataSource;
    private final TableQuery query;
    private final SegmentMapping mapping;
    private final List<String> columns;
    private final int queryTimeoutSeconds;

    TableReader(DataSource dataSource, TableQuery query, SegmentMapping mapping, int queryTimeoutSeconds) {
        this.dataSource = dataSource;
        this.query = query;
        this.mapping = mapping;
        this.columns = List.copyOf(mapping.names().values());
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** Where a row came from, for errors: the table, and its watermark when the source reads one. */
    private String sourceRef(Watermark mark) {
        return query.hasWatermark() ? query.table() + " " + query.watermarkColumn() + "=" + (mark == null ? null : mark.value())
                : query.table();
    }

    /**
     * One poll of the changes: the database's clock first, then the rows whose watermark is at or after the stored
     * one capped at that clock, less the overlap (every row when nothing is stored yet), on the same connection.
     */
    PolledRows readChanges(String source, Watermark stored, long overlap) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseClock clock = DatabaseClock.read(connection, queryTimeoutSeconds);
            Watermark since = stored == null ? null : clock.cap(stored).minus(overlap);
            return new PolledRows(read(connection, source, since), stored, clock);
        }
    }

    /** The rows whose watermark is at or after {@code since}, in watermark order; every row when it is null. */
    List<PolledRecord<Watermark>> read(String source, Watermark since) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, source, since);
        }
    }

    private List<PolledRecord<Watermark>> read(Connection connection, String source, Watermark since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                since == null ? query.selectAll() : query.selectSince())) {
            select.setQueryTimeout(queryTimeoutSeconds);
            if (since != null) {
                since.bind(select, 1);
            }
            try (ResultSet rows = select.executeQuery()) {
                Watermark.Kind kind = query.hasWatermark()
                        ? Watermark.Kind.of(rows.getMetaData(), query.watermarkIndex()) : null;
                List<PolledRecord<Watermark>> read = new ArrayList<>();
                while (rows.next()) {
                    Watermark mark = kind == null ? null : Watermark.read(rows, query.watermarkIndex(), kind);
                    Object[] values = new Object[columns.size()];
                    for (int column = 0; column < values.length; column++) {
                        values[column] = rows.getObject(column + 1);
                    }
                    // columns by name only, no expressions: a value of any type has a text, so no row is refused
                    SelectedRow row = new SelectedRow(columns, values);
                    read.add(new PolledRecord<>(mapping.map(row, source, sourceRef(mark), null).record(), mark));
                }
                return read;
            }
        }
    }
}
