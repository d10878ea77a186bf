package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;

/**
 * What one poll of a JDBC source hands to the pipeline.
 *
 * @param rows   the rows to send, in watermark order
 * @param stored the watermark the poll started from (before the overlap); null on the first poll
 */
public record PolledRows(List<PolledRow> rows, Watermark stored) {

    public PolledRows {
        rows = List.copyOf(rows);
    }

    /** The rows as the pipeline takes them. */
    public List<SegmentRecord> records() {
        return rows.stream().map(PolledRow::record).toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Where the next poll starts once every row has an outcome: the highest watermark sent, never going back. */
    Watermark next() {
        Watermark next = stored;
        for (PolledRow row : rows) {
            next = Watermark.later(next, row.mark());
        }
        return next;
    }

    @Override
    public String toString() {
        return rows.size() + " rows since " + (stored == null ? "the start" : stored);
    }
}
