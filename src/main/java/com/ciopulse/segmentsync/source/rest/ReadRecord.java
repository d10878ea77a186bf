package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.time.Instant;

/**
 * A record as a poll read it, compared by value without where it was read (the page and the position of a record
 * move between polls): what {@code HandedOverRows} remembers of the records a REST source handed over.
 *
 * @param mark the record's update time; null when it has none
 */
record ReadRecord(String systemId, String segmentCode, String segmentName, String active, Instant mark) {

    static ReadRecord of(SegmentRecord record, Instant mark) {
        return new ReadRecord(record.systemId(), record.segmentCode(), record.segmentName(), record.active(), mark);
    }
}
