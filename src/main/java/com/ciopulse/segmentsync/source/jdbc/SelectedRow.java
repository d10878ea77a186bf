package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.mapping.RecordFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a poll: the values of the selected columns, by the names the settings give them. */
final class SelectedRow implements RecordFields {

    private final List<String> columns;
    private final Object[] values;

    SelectedRow(List<String> columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public Object get(String name) {
        int column = columns.indexOf(name);
        return column < 0 ? null : values[column];
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int column = 0; column < columns.size(); column++) {
            row.putIfAbsent(columns.get(column), values[column]);
        }
        return row;
    }
}
