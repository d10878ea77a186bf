package com.ciopulse.segmentsync.source;

import com.ciopulse.segmentsync.segment.SegmentRecord;

/**
 * One record a poll read: the record for the pipeline and its watermark. Compared by value (the record's whole
 * content and the watermark), as {@link HandedOverRows} remembers what a source already handed over.
 *
 * @param mark the watermark the record carries (a JDBC row's watermark column, a Salesforce SystemModstamp); null
 *             when it has none
 * @param <M>  the kind of watermark
 */
public record PolledRecord<M>(SegmentRecord record, M mark) {
}
