package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.RecordFields;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A CSV row: its values by the header's column names, matched ignoring case and surrounding spaces. */
final class CsvRowFields implements RecordFields {

    private final Header header;
    private final String[] values;

    CsvRowFields(Header header, String[] values) {
        this.header = header;
        this.values = values;
    }

    @Override
    public Object get(String name) {
        Integer column = header.indexOf(name);
        // a broken row may hold fewer values than the header has columns
        return column == null || column >= values.length ? null : values[column];
    }

    /** The row as a map by column name, ignoring case: {@code ${body[Unit Name]}}. */
    @Override
    public Map<String, Object> body() {
        Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int column = 0; column < Math.min(values.length, header.size()); column++) {
            row.putIfAbsent(header.columns().get(column), values[column]);
        }
        return Collections.unmodifiableMap(row);
    }

    /** The header row; the first of two columns with the same name is the one a mapping reads. */
    record Header(List<String> columns, Map<String, Integer> index) {

        static Header of(String[] names) {
            Map<String, Integer> index = new TreeMap<>();
            for (int column = 0; column < names.length; column++) {
                index.putIfAbsent(key(names[column]), column);
            }
            return new Header(List.of(names), index);
        }

        /**
         * Checks the header against the columns a mapping reads.
         *
         * @return what the file's result should say: a mapped column that is missing leaves that field out
         * @throws DropFileException when the system id's column is missing: no record of the file could be sent
         */
        List<String> check(SegmentMapping mapping, String fileName, String sourceId) {
            List<String> warnings = new ArrayList<>();
            String separatorHint = separatorHint(sourceId);
            mapping.names().forEach((field, column) -> {
                if (has(column)) {
                    return;
                }
                if (field.equals(SegmentRecords.SYSTEM_ID)) {
                    throw new DropFileException(fileName + ": the header has no column '" + column + "' for "
                            + "system_id; columns found: " + columns + separatorHint);
                }
                warnings.add("no column '" + column + "', so " + field + " is not synced from this file; "
                        + "columns found: " + columns + separatorHint);
            });
            return warnings;
        }

        /**
         * A header read as one column that holds {@code ;} or {@code |} is most likely a file separated by that
         * character (a spreadsheet's CSV export in many locales uses {@code ;}): the source's {@code separator} says so.
         */
        private String separatorHint(String sourceId) {
            if (columns.size() != 1) {
                return "";
            }
            for (char candidate : new char[] {';', '|'}) {
                if (columns.get(0).indexOf(candidate) >= 0) {
                    return "; the header is one column holding '" + candidate + "': if the file is separated by '"
                            + candidate + "', set separator = " + candidate + " for this source (camel.route-template["
                            + sourceId + "].separator = " + candidate + ")";
                }
            }
            return "";
        }

        Integer indexOf(String name) {
            return index.get(key(name));
        }

        boolean has(String name) {
            return index.containsKey(key(name));
        }

        int size() {
            return columns.size();
        }

        private static String key(String name) {
            return name.strip().toLowerCase(Locale.ROOT);
        }
    }
}
