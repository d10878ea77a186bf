package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.source.PolledSource;
import java.util.List;

/**
 * The two SELECTs of a JDBC source: the first poll reads the whole table, every later one the rows whose watermark
 * is at or after a bound value. Only checked names ({@link SqlIdentifier}) go into the text; the watermark is
 * always a parameter ({@code ?}). Rows come in watermark order, so two changes of one unit reach the API in the
 * order they were made. A source in full mode may have no watermark column: it only ever reads the whole table.
 */
final class TableQuery {

    private final String table;
    private final String watermarkColumn;
    private final String selectAll;
    private final String selectSince;
    private final int watermarkIndex;

    /**
     * @param columns the mapped columns, checked names ({@link SqlIdentifier})
     * @throws IllegalArgumentException when the table or the watermark column is not a plain or quoted SQL name
     */
    TableQuery(String table, String watermarkColumn, List<String> columns) {
        this.table = SqlIdentifier.require("table", table);
        this.watermarkColumn = SqlIdentifier.require("watermarkColumn", watermarkColumn);
        String select = "SELECT " + String.join(", ", columns) + ", " + this.watermarkColumn
                + " FROM " + this.table;
        String order = " ORDER BY " + this.watermarkColumn;
        this.selectAll = select + order;
        this.selectSince = select + " WHERE " + this.watermarkColumn + " >= ?" + order;
        this.watermarkIndex = columns.size() + 1;
    }

    /** A query without a watermark: {@link #selectAll()} only, its rows have no watermark. */
    private TableQuery(String table, List<String> columns) {
        this.table = SqlIdentifier.require("table", table);
        this.watermarkColumn = null;
        this.selectAll = "SELECT " + String.join(", ", columns) + " FROM " + this.table;
        this.selectSince = null;
        this.watermarkIndex = 0;
    }

    /** The query of a source that reads the whole table every time; the watermark column is read when given. */
    static TableQuery wholeTable(String table, String watermarkColumn, List<String> columns) {
        return PolledSource.unset(watermarkColumn) ? new TableQuery(table, columns)
                : new TableQuery(table, watermarkColumn, columns);
    }

    boolean hasWatermark() {
        return watermarkColumn != null;
    }

    /** The first poll's query: every row. */
    String selectAll() {
        return selectAll;
    }

    /** A later poll's query: one parameter, the watermark to start at. */
    String selectSince() {
        if (selectSince == null) {
            throw new IllegalStateException(table + " is read without a watermark column: only whole");
        }
        return selectSince;
    }

    /** Position of the watermark column in the result. */
    int watermarkIndex() {
        return watermarkIndex;
    }

    String table() {
        return table;
    }

    String watermarkColumn() {
        return watermarkColumn;
    }
}
