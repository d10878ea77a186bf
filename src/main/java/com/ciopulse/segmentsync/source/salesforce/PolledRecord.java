package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.time.Instant;

/**
 * One record a query returned: the record for the pipeline (its whole content) and its {@code SystemModstamp}.
 *
 * @param modstamp null when the result held none (it always does for a queried object)
 */
record PolledRecord(SegmentRecord record, Instant modstamp) {
}
