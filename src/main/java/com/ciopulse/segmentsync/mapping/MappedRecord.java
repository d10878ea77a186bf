package com.ciopulse.segmentsync.mapping;

import com.ciopulse.segmentsync.segment.SegmentRecord;

/**
 * A source record mapped to the canonical segment record, or why one of its fields cannot be sent.
 *
 * @param record  the segment record; a field at fault is left out of it (null)
 * @param field   the segment field at fault (e.g. {@code active}); null when none is
 * @param problem why that field cannot be sent, without record and field; null when it can
 */
public record MappedRecord(SegmentRecord record, String field, String problem) {

    public boolean refused() {
        return problem != null;
    }

    /** What a log line or an error says of the problem: the record, the field and why. */
    public String describeProblem() {
        return record.describe() + ": field '" + field + "': " + problem;
    }
}
