package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.source.PolledBatch;
import com.ciopulse.segmentsync.source.PolledRecord;
import java.util.List;

/**
 * What one poll of a JDBC source hands to the pipeline.
 *
 * @param rows   the rows to send, in watermark order
 * @param stored the watermark the poll started from (before the overlap); null on the first poll
 * @param clock  the database's time when the poll began; null when it was not asked
 * @param source the source the rows are acknowledged to; null for rows only read
 */
public record PolledRows(List<PolledRecord<Watermark>> rows, Watermark stored, DatabaseClock clock, JdbcSource source)
        implements PolledBatch {

    public PolledRows {
        rows = List.copyOf(rows);
    }

    PolledRows(List<PolledRecord<Watermark>> rows, Watermark stored, DatabaseClock clock) {
        this(rows, stored, clock, null);
    }

    PolledRows(List<PolledRecord<Watermark>> rows, Watermark stored) {
        this(rows, stored, null, null);
    }

    /** The same poll with only these of its rows, handed over by {@code source}. */
    PolledRows only(List<PolledRecord<Watermark>> kept, JdbcSource handedOverBy) {
        return new PolledRows(kept, stored, clock, handedOverBy);
    }

    @Override
    public void acknowledge(BatchResult result) {
        source.acknowledge(this, result);
    }

    /** The rows dated after the database's clock. */
    List<PolledRecord<Watermark>> datedInTheFuture() {
        return clock == null ? List.of() : rows.stream().filter(row -> clock.isBehind(row.mark())).toList();
    }

    /** The rows as the pipeline takes them. */
    @Override
    public List<SegmentRecord> records() {
        return rows.stream().map(PolledRecord::record).toList();
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Where the next poll starts once every row has an outcome: the highest watermark sent, never going back, but
     * never after the database's clock either (a stored watermark already past it comes back to it), so that rows
     * written later with the real time are read.
     */
    Watermark next() {
        Watermark next = stored;
        for (PolledRecord<Watermark> row : rows) {
            next = Watermark.later(next, row.mark());
        }
        return clock == null ? next : clock.cap(next);
    }

    @Override
    public String toString() {
        return rows.size() + " rows since " + (stored == null ? "the start" : stored);
    }
}
