package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.segment.SegmentRecord;

/**
 * One row a poll read: the record for the pipeline (the row's whole content) and its watermark.
 *
 * @param mark the watermark column's value; null when the row has none
 */
record PolledRow(SegmentRecord record, Watermark mark) {
}
