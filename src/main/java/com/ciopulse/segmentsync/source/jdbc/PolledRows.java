package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;

/**
 * What one poll of a JDBC source read.
 *
 * @param records the rows as segment records, in watermark order
 * @param stored  the watermark the poll started from (before the overlap); null on the first poll
 * @param highest the highest watermark among the rows; null when no row had one
 */
public record PolledRows(List<SegmentRecord> records, Watermark stored, Watermark highest) {

    public PolledRows {
        records = List.copyOf(records);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Where the next poll starts once every record has an outcome: never before the stored watermark. */
    Watermark next() {
        return Watermark.later(stored, highest);
    }

    @Override
    public String toString() {
        return records.size() + " rows since " + (stored == null ? "the start" : stored);
    }
}
