package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which column holds which segment field, and how a status column marks a row inactive. A field whose column is
 * left empty is not read, so the API keeps its current value. With a status column, a row whose status is one of
 * the inactive values becomes {@code active=n}; any other status {@code active=y} (unless an active column is
 * mapped too, which then decides).
 */
final class RowMapping {

    private final String systemIdColumn;
    private final String segmentCodeColumn;
    private final String segmentNameColumn;
    private final String activeColumn;
    private final String statusColumn;
    private final Set<String> inactiveValues;

    /**
     * @param inactiveValues comma-separated status values meaning inactive, compared ignoring case
     * @throws IllegalArgumentException when a column is not a plain or quoted SQL name, or a status column has no
     *                                  inactive values
     */
    RowMapping(String systemIdColumn, String segmentCodeColumn, String segmentNameColumn, String activeColumn,
               String statusColumn, String inactiveValues) {
        this.systemIdColumn = SqlIdentifier.require("systemIdColumn", systemIdColumn);
        this.segmentCodeColumn = optional("segmentCodeColumn", segmentCodeColumn);
        this.segmentNameColumn = optional("segmentNameColumn", segmentNameColumn);
        this.activeColumn = optional("activeColumn", activeColumn);
        this.statusColumn = optional("statusColumn", statusColumn);
        this.inactiveValues = inactiveValues == null ? Set.of() : Arrays.stream(inactiveValues.split(","))
                .map(RowMapping::normalized)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (this.statusColumn != null && this.inactiveValues.isEmpty()) {
            throw new IllegalArgumentException("statusColumn " + this.statusColumn
                    + " needs inactiveValues: the status values that mean the unit is inactive (e.g. closed,deleted)");
        }
    }

    /** The columns to select, in the order {@link #toRecord} reads them (1, 2, ...). */
    List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (String column : new String[] {systemIdColumn, segmentCodeColumn, segmentNameColumn, activeColumn,
                statusColumn}) {
            if (column != null) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The current row as a segment record; reads the columns of {@link #columns()} by position. */
    SegmentRecord toRecord(ResultSet row, String source, String sourceRef) throws SQLException {
        int index = 1;
        String systemId = text(row.getObject(index++));
        String code = segmentCodeColumn == null ? null : text(row.getObject(index++));
        String name = segmentNameColumn == null ? null : text(row.getObject(index++));
        String active = activeColumn == null ? null : text(row.getObject(index++));
        if (statusColumn != null) {
            String status = text(row.getObject(index));
            if (status != null && inactiveValues.contains(normalized(status))) {
                active = "n";
            } else if (activeColumn == null) {
                active = "y";
            }
        }
        return new SegmentRecord(source, sourceRef, systemId, code, name, active, SegmentAction.UPSERT);
    }

    /** A column value as the text the pipeline validates: numbers in plain notation, booleans as true/false. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private static String optional(String parameter, String column) {
        return SqlIdentifier.isUnset(column) ? null : SqlIdentifier.require(parameter, column);
    }

    private static String normalized(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
