package com.ciopulse.segmentsync.reconcile;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;

/**
 * One line of a reconcile plan: what will happen to one segment and why.
 *
 * @param kind     what the plan does
 * @param systemId the segment
 * @param record   the record to send (null for unchanged)
 * @param details  field differences, drift and conflicts the plan already sees
 */
public record PlanEntry(Kind kind, String systemId, SegmentRecord record, List<String> details) {

    /** What a reconcile does with one segment. */
    public enum Kind {
        CREATE, UPDATE, UNCHANGED, DEACTIVATE, DELETE;

        boolean writes() {
            return this != UNCHANGED;
        }

        boolean removes() {
            return this == DEACTIVATE || this == DELETE;
        }
    }

    static PlanEntry deactivate(String source, String systemId, List<String> details) {
        return new PlanEntry(Kind.DEACTIVATE, systemId,
                new SegmentRecord(source, "reconcile: left the source", systemId, null, null, "n", SegmentAction.UPSERT),
                details);
    }

    static PlanEntry delete(String source, String systemId) {
        return new PlanEntry(Kind.DELETE, systemId,
                new SegmentRecord(source, "reconcile: left the source", systemId, null, null, null, SegmentAction.DELETE),
                List.of());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + systemId
                + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
    }
}
