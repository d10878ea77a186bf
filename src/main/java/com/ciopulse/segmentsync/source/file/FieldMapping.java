package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.ActiveFlag;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Turns a file's record into a {@link SegmentRecord} by configuration: where each field comes from, a prefix for
 * system ids, the values that mean inactive. It checks only what the file can get wrong on its way in (a JSON
 * object where text belongs, bytes the charset cannot decode); the pipeline validates the rest.
 */
final class FieldMapping {

    static final String ACTION = "action";

    private final Map<String, FieldSource> sources;
    private final String systemIdPrefix;
    private final Set<String> inactiveValues;

    /**
     * @param sources        by segment field ({@code system_id}, {@code segment_code}, {@code segment_name},
     *                       {@code active}, {@code action}), where its value comes from
     * @param systemIdPrefix put before every system id (e.g. {@code EU-}), so ids of two systems cannot clash
     * @param inactiveValues when not empty, the active field is {@code n} for these values (ignoring case) and
     *                       {@code y} for any other value that is not blank
     */
    FieldMapping(Map<String, FieldSource> sources, String systemIdPrefix, Set<String> inactiveValues) {
        this.sources = new LinkedHashMap<>(sources);
        this.systemIdPrefix = systemIdPrefix == null ? "" : systemIdPrefix;
        this.inactiveValues = inactiveValues;
        if (source(SegmentRecords.SYSTEM_ID).isEmpty()) {
            throw new IllegalArgumentException("the file-drop source needs systemIdFrom: a column, field or expression");
        }
    }

    boolean usesExpressions() {
        return sources.values().stream().anyMatch(FieldSource::isExpression);
    }

    /**
     * Checks a CSV header against the mapped columns.
     *
     * @return what the file's result should say: a mapped column that is missing leaves that field out
     * @throws DropFileException when the system id's column is missing: no record of the file could be sent
     */
    List<String> checkHeader(CsvRowFields.Header header, String fileName, String sourceId) {
        List<String> warnings = new ArrayList<>();
        String separatorHint = separatorHint(header, sourceId);
        sources.forEach((field, source) -> {
            if (source.column() == null || source.column().startsWith("/") || header.has(source.column())) {
                return;
            }
            if (field.equals(SegmentRecords.SYSTEM_ID)) {
                throw new DropFileException(fileName + ": the header has no column '" + source.column() + "' for "
                        + "system_id; columns found: " + header.columns() + separatorHint);
            }
            warnings.add("no column '" + source.column() + "', so " + field + " is not synced from this file; "
                    + "columns found: " + header.columns() + separatorHint);
        });
        return warnings;
    }

    /**
     * A header read as one column that holds {@code ;} or {@code |} is most likely a file separated by that
     * character (a spreadsheet's CSV export in many locales uses {@code ;}): the source's {@code separator} says so.
     */
    private static String separatorHint(CsvRowFields.Header header, String sourceId) {
        if (header.size() != 1) {
            return "";
        }
        for (char candidate : new char[] {';', '|'}) {
            if (header.columns().get(0).indexOf(candidate) >= 0) {
                return "; the header is one column holding '" + candidate + "': if the file is separated by '"
                        + candidate + "', set separator = " + candidate + " for this source (camel.route-template["
                        + sourceId + "].separator = " + candidate + ")";
            }
        }
        return "";
    }

    MappedRow map(SourceRow row, String source, Exchange scratch) {
        if (row.unreadable() != null) {
            return new MappedRow(row, new SegmentRecord(source, row.ref(), readableSystemId(row), null, null, null,
                    null), null, row.unreadable());
        }
        if (usesExpressions()) {
            scratch.getMessage().setBody(row.fields().asMap());
        }
        Map<String, String> values = new LinkedHashMap<>();
        String badField = null;
        String problem = null;
        for (Map.Entry<String, FieldSource> entry : sources.entrySet()) {
            String reason = null;
            try {
                values.put(entry.getKey(), text(entry.getValue().valueIn(row.fields(), scratch)));
            } catch (IllegalArgumentException e) {
                reason = e.getMessage();
            } catch (RuntimeException e) {
                reason = "the expression " + entry.getValue() + " failed: " + e.getMessage();
            }
            if (reason != null && badField == null) {
                badField = entry.getKey();
                problem = reason;
            }
        }
        String systemId = values.get(SegmentRecords.SYSTEM_ID);
        if (systemId != null && !systemId.isBlank()) {
            systemId = systemIdPrefix + systemId.strip();
        }
        SegmentAction action = SegmentAction.UPSERT;
        try {
            action = SegmentAction.parse(values.get(ACTION));
        } catch (IllegalArgumentException e) {
            badField = badField == null ? ACTION : badField;
            problem = problem == null ? e.getMessage() : problem;
        }
        SegmentRecord record = new SegmentRecord(source, row.ref(), systemId, values.get(SegmentRecords.SEGMENT_CODE),
                values.get(SegmentRecords.SEGMENT_NAME), active(values.get(SegmentRecords.ACTIVE)), action);
        return new MappedRow(row, record, badField, problem);
    }

    /**
     * The system id of a row that cannot be read as a whole, when its column could be read: the report then names
     * the row by it. Only a column is read; an expression needs the whole row.
     */
    private String readableSystemId(SourceRow row) {
        FieldSource id = source(SegmentRecords.SYSTEM_ID);
        if (row.fields() == null || id.column() == null) {
            return null;
        }
        Object value = row.fields().get(id.column());
        if (!(value instanceof String text) || text.isBlank() || text.indexOf(StrictDecodingReader.UNDECODABLE) >= 0) {
            return null;
        }
        return systemIdPrefix + text.strip();
    }

    private FieldSource source(String field) {
        return sources.getOrDefault(field, FieldSource.parse("", null));
    }

    private String active(String value) {
        if (inactiveValues.isEmpty() || value == null || value.isBlank()) {
            return value;
        }
        return inactiveValues.contains(value.strip().toLowerCase(Locale.ROOT)) ? ActiveFlag.NO : ActiveFlag.YES;
    }

    /** A value as text; numbers in plain notation, since a code read as 1E+3 is not the code the file holds. */
    private static String text(Object value) {
        String text;
        if (value == null) {
            return null;
        } else if (value instanceof JsonNode node) {
            text = jsonText(node);
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException("is a " + (value instanceof Map<?, ?> ? "map" : "list")
                    + "; expected text, a number or true/false");
        } else {
            text = value.toString();
        }
        if (text != null && text.indexOf(StrictDecodingReader.UNDECODABLE) >= 0) {
            throw new IllegalArgumentException("holds bytes that are not valid in the file's charset (shown as "
                    + "U+FFFD at position " + (text.indexOf(StrictDecodingReader.UNDECODABLE) + 1) + "); is the file "
                    + "in another charset? set the source's charset");
        }
        return text;
    }

    private static String jsonText(JsonNode node) {
        if (node.isContainerNode()) {
            throw new IllegalArgumentException("is " + JsonRowFields.describe(node) + "; expected text, a number or true/false");
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.asText();
    }
}
