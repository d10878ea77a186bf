package com.ciopulse.segmentsync.reconcile;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.plan.PlanAction;
import com.ciopulse.segmentsync.plan.PlannedChange;
import java.util.List;
import java.util.Map;

/**
 * One line of a reconcile plan: what will happen to one segment and why.
 *
 * @param kind     what the plan does
 * @param systemId the segment
 * @param record   the record to send (null for unchanged)
 * @param details  field differences, drift and conflicts the plan already sees
 * @param changes  by field, what CIOPulse holds and what would be sent; only the fields that would change
 */
public record PlanEntry(Kind kind, String systemId, SegmentRecord record, List<String> details,
                        Map<String, PlannedChange.Change> changes) {

    public PlanEntry {
        changes = changes == null ? Map.of() : changes;
    }

    /** An entry that changes no field (unchanged, a delete). */
    public PlanEntry(Kind kind, String systemId, SegmentRecord record, List<String> details) {
        this(kind, systemId, record, details, Map.of());
    }

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
                details, Map.of("active", new PlannedChange.Change(null, "n")));
    }

    static PlanEntry delete(String source, String systemId) {
        return new PlanEntry(Kind.DELETE, systemId,
                new SegmentRecord(source, "reconcile: left the source", systemId, null, null, null, SegmentAction.DELETE),
                List.of());
    }

    /** The entry as a line of a dry run's plan. */
    public PlannedChange planned() {
        return new PlannedChange(record.source(), record.sourceRef(), systemId, record.segmentCode(),
                PlanAction.valueOf(kind.name()), changes, details, null);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + systemId
                + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
    }
}
