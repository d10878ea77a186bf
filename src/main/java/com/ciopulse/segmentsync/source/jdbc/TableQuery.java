package com.ciopulse.segmentsync.source.jdbc;

/**
 * The two SELECTs of a JDBC source: the first poll reads the whole table, every later one the rows whose watermark
 * is at or after a bound value. Only checked names ({@link SqlIdentifier}) go into the text; the watermark is
 * always a parameter ({@code ?}). Rows come in watermark order, so two changes of one unit reach the API in the
 * order they were made.
 */
final class TableQuery {

    private final String table;
    private final String watermarkColumn;
    private final String selectAll;
    private final String selectSince;
    private final int watermarkIndex;

    /** @throws IllegalArgumentException when the table or the watermark column is not a plain or quoted SQL name */
    TableQuery(String table, String watermarkColumn, RowMapping mapping) {
        this.table = SqlIdentifier.require("table", table);
        this.watermarkColumn = SqlIdentifier.require("watermarkColumn", watermarkColumn);
        String select = "SELECT " + String.join(", ", mapping.columns()) + ", " + this.watermarkColumn
                + " FROM " + this.table;
        String order = " ORDER BY " + this.watermarkColumn;
        this.selectAll = select + order;
        this.selectSince = select + " WHERE " + this.watermarkColumn + " >= ?" + order;
        this.watermarkIndex = mapping.columns().size() + 1;
    }

    /** The first poll's query: every row. */
    String selectAll() {
        return selectAll;
    }

    /** A later poll's query: one parameter, the watermark to start at. */
    String selectSince() {
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
