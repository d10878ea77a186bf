package com.ciopulse.segmentsync.pipeline;

/**
 * Exchange properties the pipeline routes share while a record travels. Properties, not headers, so that
 * nothing of the pipeline's state leaks into the HTTP request or back into a source's message.
 */
public final class SyncProperties {

    /** The record's {@link SyncHeaders#MODE}, kept while the headers change for the HTTP calls. */
    public static final String MODE = "syncMode";
    /** The {@link com.ciopulse.segmentsync.segment.SegmentRecord} as the source handed it over. */
    public static final String RECORD = "syncRecord";
    /** The validated, sanitized {@link com.ciopulse.segmentsync.segment.ValidSegment}. */
    public static final String SEGMENT = "syncSegment";
    /**
     * What change detection compared the record with ({@code Optional<SegmentState>}; absent when it was not
     * compared): a dry run's plan tells an update from a first write by it without reading the store again.
     */
    public static final String KNOWN_STATE = "syncKnownState";
    /** The outcome label so far ({@code retrying} while a retry is due). */
    public static final String OUTCOME = "syncOutcome";
    /** The reason of a non-success outcome. */
    public static final String MESSAGE = "syncMessage";
    /** The HTTP status of the record's last answer (0 when no answer came). */
    public static final String STATUS = "syncStatus";
    /** The method of the last call of the Segments API (PUT, DELETE, GET): its answer holds the response's headers only. */
    public static final String HTTP_METHOD = "syncHttpMethod";
    /** Requests sent for this record so far. */
    public static final String ATTEMPTS = "syncAttempts";
    /** Milliseconds to wait before the next attempt. */
    public static final String RETRY_DELAY = "syncRetryDelay";
    /**
     * The {@link com.ciopulse.segmentsync.state.CommitBarrier} of the batch a record belongs to, set by the
     * dispatcher: the record adds its state's commit to it and is answered without waiting for it. A record sent on
     * its own waits for its commit before it is answered.
     */
    public static final String COMMIT_BARRIER = "syncCommitBarrier";
    /**
     * The id of the dead letter a replay sends: once accepted it closes only the older entries of its segment, as
     * it is itself marked replayed.
     */
    public static final String REPLAY_OF = "syncReplayOf";

    private SyncProperties() {
    }
}
