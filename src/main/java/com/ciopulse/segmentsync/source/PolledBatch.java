package com.ciopulse.segmentsync.source;

import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;

/**
 * What one poll read, as the shared route {@code segment-source-send} hands it to the pipeline: its records, and
 * the acknowledgement that lets its source move its watermark once every record has an outcome.
 */
public interface PolledBatch {

    /** The records to hand to the pipeline, in the order the source read them. */
    List<SegmentRecord> records();

    /** Whether the poll found nothing to send; nothing is then sent and nothing acknowledged. */
    boolean isEmpty();

    /**
     * Every record has an outcome ({@code result}): the source stores how far it read, unless the run was a dry run.
     */
    void acknowledge(BatchResult result);
}
