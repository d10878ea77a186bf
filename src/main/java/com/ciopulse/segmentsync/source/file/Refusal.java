package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentRecord;

/**
 * A record of a file that is not sent, because the file itself rules it out: it cannot be read, a mapped value
 * cannot be used, or an earlier row of the same file gives its segment_code to another system_id.
 *
 * @param ordinal the record's position in the file
 * @param line    the line where it starts
 * @param record  what could be read of it (at least source and reference)
 * @param outcome rejected or conflict
 * @param field   the segment field at fault, or null when the row as a whole is
 * @param reason  what is wrong, without record and field
 */
public record Refusal(int ordinal, long line, SegmentRecord record, Outcome outcome, String field, String reason) {

    /** The reason as dead letters and the run report give it: record, field and reason, like a validation error. */
    public String message() {
        return record.describe() + (field == null ? "" : ": field '" + field + "'") + ": " + reason;
    }
}
