package com.ciopulse.segmentsync.plan;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.SegmentState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a dry run's plan: what a real run would do with one segment, and why.
 *
 * @param source      the source instance
 * @param location    where in the source the record is (file and line, row key), or null
 * @param systemId    the segment's system id, or null when the input had none
 * @param segmentCode the segment code the record gives, or null
 * @param action      what a real run would do
 * @param changes     by field, the value the sync last wrote or CIOPulse holds ({@code from}, null when not known)
 *                    and the value that would be sent ({@code to}); only the fields that would change
 * @param notes       what else the plan saw: values sanitized, drift in CIOPulse
 * @param reason      why the record would be refused, for {@link PlanAction#REJECT}
 */
public record PlannedChange(String source, String location, String systemId, String segmentCode, PlanAction action,
                            Map<String, Change> changes, List<String> notes, String reason) {

    /** One field's change: {@code from} is null when nothing is known of the value it replaces. */
    public record Change(String from, String to) {
    }

    public PlannedChange {
        changes = changes == null ? Map.of() : changes;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * What the pipeline would send for a valid record, measured against what the sync last wrote.
     *
     * @param known the state the sync last wrote for the segment; empty when it never wrote it
     */
    public static PlannedChange ofRecord(ValidSegment segment, Optional<SegmentState> known) {
        List<String> sanitized = segment.sanitized().stream().map(value -> "sanitized: " + value).toList();
        if (segment.action() == SegmentAction.DELETE) {
            return new PlannedChange(segment.source(), segment.sourceRef(), segment.systemId(), segment.segmentCode(),
                    PlanAction.DELETE, Map.of(), sanitized, null);
        }
        SegmentState state = known.orElse(new SegmentState(segment.systemId(), null, null, null, null, null));
        Map<String, Change> changes = new LinkedHashMap<>();
        field(changes, "segment_code", state.segmentCode(), segment.segmentCode());
        field(changes, "segment_name", state.segmentName(), segment.segmentName());
        field(changes, "active", state.active(), segment.active());
        PlanAction action = known.isEmpty() ? PlanAction.CREATE_OR_UPDATE
                : changes.containsKey("active") && "n".equals(segment.active()) ? PlanAction.DEACTIVATE
                : PlanAction.UPDATE;
        return new PlannedChange(segment.source(), segment.sourceRef(), segment.systemId(), segment.segmentCode(),
                action, changes, sanitized, null);
    }

    /** A segment whose fields equal what the sync last wrote: no call. */
    public static PlannedChange unchanged(String source, String location, String systemId, String segmentCode) {
        return new PlannedChange(source, location, systemId, segmentCode, PlanAction.UNCHANGED, Map.of(), List.of(),
                null);
    }

    public static PlannedChange rejected(String source, String location, String systemId, String segmentCode,
                                         String reason) {
        return new PlannedChange(source, location, systemId, segmentCode, PlanAction.REJECT, Map.of(), List.of(),
                reason);
    }

    private static void field(Map<String, Change> changes, String field, String from, String to) {
        if (to != null && !Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }

    /** {@code update BU-1 [units.csv:2]: segment_name 'Old' -> 'New'}, for the console. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(action.label()).append(' ')
                .append(systemId == null ? "(no system_id)" : systemId);
        if (location != null) {
            text.append(" [").append(location).append(']');
        }
        StringBuilder fields = new StringBuilder();
        changes.forEach((field, change) -> fields.append(fields.length() == 0 ? "" : ", ").append(field)
                .append(change.from() == null ? "" : " '" + change.from() + "'").append(" -> '").append(change.to())
                .append('\''));
        if (fields.length() > 0) {
            text.append(": ").append(fields);
        }
        if (reason != null) {
            text.append(": ").append(reason);
        }
        return text.toString();
    }
}
