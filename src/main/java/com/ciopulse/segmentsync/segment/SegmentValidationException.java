package com.ciopulse.segmentsync.segment;

import java.util.Objects;

/**
 * A segment record the pipeline cannot send, with what a user needs to fix it at the source. The message reads
 * {@code source 'file-drop' record system_id 'BU-7' at orders.csv:12: field 'active': 'maybe' is not one of ...}.
 * It is built from the record alone, so it cannot hold credentials.
 */
public class SegmentValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String sourceRef;
    private final String recordRef;
    private final String field;
    private final String reason;

    /**
     * @param record the record as the source supplied it
     * @param field  the API field name at fault, e.g. {@code system_id}, {@code active}
     * @param reason what is wrong, without the record and field (they are added)
     */
    public SegmentValidationException(SegmentRecord record, String field, String reason) {
        super(Objects.requireNonNull(record, "record").describe() + ": field '" + field + "': " + reason);
        this.source = record.source();
        this.sourceRef = record.sourceRef();
        this.recordRef = hasText(record.systemId()) ? record.systemId().strip() : record.sourceRef();
        this.field = field;
        this.reason = reason;
    }

    /** The id of the source instance that produced the record. */
    public String source() {
        return source;
    }

    /** Where in the source the record comes from (file and line, row key...), or null. */
    public String sourceRef() {
        return sourceRef;
    }

    /** The record's system_id when it has one, else its {@linkplain #sourceRef() source reference}. */
    public String recordRef() {
        return recordRef;
    }

    /** The API field at fault. */
    public String field() {
        return field;
    }

    /** What is wrong with the field, without record and field. */
    public String reason() {
        return reason;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
