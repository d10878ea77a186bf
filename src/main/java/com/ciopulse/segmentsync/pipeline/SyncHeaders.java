package com.ciopulse.segmentsync.pipeline;

/**
 * The pipeline entry's contract: the headers a source may set on what it sends to {@code direct:segment-sync}
 * (one record) or {@code direct:segment-sync-batch} (many records).
 */
public final class SyncHeaders {

    /** Id of the source instance (e.g. {@code file-drop}); names the source in errors and reports. */
    public static final String SOURCE = "SegmentSyncSource";
    /** Where the record comes from in its source (file + line, row key, replay id). */
    public static final String SOURCE_REF = "SegmentSyncSourceRef";
    /** {@code upsert} (default) or {@code delete}. */
    public static final String ACTION = "SegmentSyncAction";
    /**
     * {@code changes} (default): change detection applies. {@code reconcile}: sent whatever the state store
     * says, and a 422 or a refused delete comes back {@code deferred} for the reconcile to decide.
     * {@code reconcile-retry}: sent whatever the state store says; every answer is final. {@code replay}: a dead
     * letter sent again; change detection applies even where it is turned off for the sources.
     */
    public static final String MODE = "SegmentSyncMode";
    /** The {@link #MODE} of a dead letter's replay. */
    public static final String MODE_REPLAY = "replay";
    /** The prefix of every header of the pipeline's contract; the dispatcher hands them on to each record. */
    public static final String PREFIX = "SegmentSync";
    /** Optional, on a batch: how many records it holds, when the source knows, for the progress log. */
    public static final String BATCH_SIZE = "SegmentSyncBatchSize";
    /**
     * Optional, on a batch that is one part of a larger whole (a file sent in chunks): how many records the whole
     * holds, for the progress log to count the whole rather than the part.
     */
    public static final String RUN_SIZE = "SegmentSyncRunSize";
    /** Optional, with {@link #RUN_SIZE}: how many records of the whole the parts before this batch held. */
    public static final String RUN_DONE = "SegmentSyncRunDone";

    private SyncHeaders() {
    }
}
