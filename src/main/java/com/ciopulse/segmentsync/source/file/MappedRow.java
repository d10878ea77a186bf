package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.SegmentRecord;

/**
 * A file's record mapped to the canonical segment record, or why it cannot be sent as one.
 *
 * @param row     the record as the file holds it
 * @param record  the segment record; for an unreadable row it holds only source and reference
 * @param field   the segment field at fault (e.g. {@code active}); null when the row as a whole is at fault or none is
 * @param problem why the record cannot be sent; null when it can
 */
record MappedRow(SourceRow row, SegmentRecord record, String field, String problem) {

    boolean refused() {
        return problem != null;
    }
}
