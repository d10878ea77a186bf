package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;

/**
 * What a subscribing source hands over next: the records of the events received (in their order), or a re-query
 * (the whole object, or the records an event named without their values). Once it has its outcomes, the source
 * stores its replay id, if it has one (a re-query at the start or after a rejected replay id has none).
 */
public final class CdcWork {

    private final QueryPoll poll;
    private final List<SegmentRecord> records;
    private final String replayId;
    private final String description;
    private final boolean catchUp;

    private CdcWork(QueryPoll poll, List<SegmentRecord> records, String replayId, String description) {
        this(poll, records, replayId, description, false);
    }

    private CdcWork(QueryPoll poll, List<SegmentRecord> records, String replayId, String description, boolean catchUp) {
        this.catchUp = catchUp;
        this.poll = poll;
        this.records = records;
        this.replayId = replayId;
        this.description = description;
    }

    static CdcWork ofEvents(List<SegmentRecord> records, String replayId, String description) {
        return new CdcWork(null, List.copyOf(records), replayId, description);
    }

    static CdcWork ofRequery(QueryPoll poll, String replayId, String description) {
        return new CdcWork(poll, List.of(), replayId, description);
    }

    static CdcWork ofCatchUp(QueryPoll poll, String description) {
        return new CdcWork(poll, List.of(), null, description, true);
    }

    boolean catchUp() {
        return catchUp;
    }

    /** Whether this is a re-query, read and handed over by the route salesforce-query-pages. */
    public boolean requery() {
        return poll != null;
    }

    public QueryPoll poll() {
        return poll;
    }

    /** The records of the events; empty when no event changed a mapped field (the replay id moves all the same). */
    public List<SegmentRecord> records() {
        return records;
    }

    public boolean hasRecords() {
        return !records.isEmpty();
    }

    String replayId() {
        return replayId;
    }

    @Override
    public String toString() {
        return description;
    }
}
