package com.ciopulse.segmentsync.reconcile;

import com.ciopulse.segmentsync.plan.PlannedChange;
import com.ciopulse.segmentsync.reconcile.PlanEntry.Kind;
import com.ciopulse.segmentsync.segment.RemoteSegment;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.segment.SegmentValidationException;
import com.ciopulse.segmentsync.segment.SegmentValidator;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.SegmentState;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.support.ObjectHelper;

/**
 * Compares a source's full snapshot with the segments in CIOPulse and what this sync last wrote, and decides
 * per segment: create the missing, update the different (drift included), deactivate or delete the owned
 * segments that left the source. Only segments this source owns (it wrote them, per the state store) are
 * ever removed; segments made in the Portal are never touched. Reads only: nothing is written here.
 */
public class ReconcilePlanner {

    private final SegmentValidator validator;
    private final SegmentStateStore states;
    private final ReconcileSettings settings;

    public ReconcilePlanner(SegmentValidator validator, SegmentStateStore states, ReconcileSettings settings) {
        this.validator = validator;
        this.states = states;
        this.settings = settings;
    }

    /**
     * @param snapshot every record the source holds: SegmentRecords or maps, in source order
     * @param remote   the segments CIOPulse lists
     */
    public ReconcilePlan plan(String source, Object snapshot, List<RemoteSegment> remote) {
        List<String> warnings = new ArrayList<>();
        List<SegmentRecord> invalid = new ArrayList<>();
        Map<String, ValidSegment> wanted = readSnapshot(source, snapshot, invalid, warnings);
        Map<String, RemoteSegment> remoteById = remote.stream()
                .collect(Collectors.toMap(RemoteSegment::systemId, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        warnCodeClashes(wanted, remoteById, warnings);

        List<PlanEntry> entries = new ArrayList<>();
        for (ValidSegment segment : wanted.values()) {
            entries.add(compare(segment, remoteById.get(segment.systemId()), states.find(segment.systemId())));
        }
        List<SegmentState> owned = states.ownedBy(source).stream()
                .filter(state -> state.systemId().startsWith(settings.ownedPrefix()))
                .toList();
        for (SegmentState state : owned) {
            if (!wanted.containsKey(state.systemId())) {
                removal(source, state, remoteById.get(state.systemId()), warnings).ifPresent(entries::add);
            }
        }
        return new ReconcilePlan(source, entries, invalid, warnings, owned.size(), guard(entries, owned.size()));
    }

    private Map<String, ValidSegment> readSnapshot(String source, Object snapshot, List<SegmentRecord> invalid,
                                                   List<String> warnings) {
        Map<String, ValidSegment> bySystemId = new LinkedHashMap<>();
        Iterator<?> items = ObjectHelper.createIterator(snapshot);
        int line = 0;
        while (items.hasNext()) {
            Object item = items.next();
            line++;
            SegmentRecord record = item instanceof SegmentRecord r ? r
                    : SegmentRecords.fromMap(asMap(item), source, "item " + line, SegmentAction.UPSERT);
            try {
                ValidSegment segment = validator.validate(record);
                ValidSegment earlier = bySystemId.remove(segment.systemId());
                if (earlier != null) {
                    warnings.add("system_id '" + segment.systemId() + "' is in the snapshot more than once; the last ("
                            + segment.sourceRef() + ") wins over " + earlier.sourceRef());
                }
                bySystemId.put(segment.systemId(), segment);
            } catch (SegmentValidationException e) {
                invalid.add(record);
            }
        }
        return bySystemId;
    }

    private static PlanEntry compare(ValidSegment segment, RemoteSegment remote, Optional<SegmentState> lastSent) {
        SegmentRecord record = toRecord(segment);
        if (remote == null) {
            List<String> details = lastSent.isPresent()
                    ? List.of("missing in CIOPulse although this sync wrote it: deleted in the Portal?")
                    : List.of();
            Map<String, PlannedChange.Change> fields = new LinkedHashMap<>();
            diff("segment_code", segment.segmentCode(), null, Optional.empty(), List.of(), fields);
            diff("segment_name", segment.segmentName(), null, Optional.empty(), List.of(), fields);
            diff("active", segment.active(), null, Optional.empty(), List.of(), fields);
            return new PlanEntry(Kind.CREATE, segment.systemId(), record, details, fields);
        }
        List<String> details = new ArrayList<>();
        Map<String, PlannedChange.Change> fields = new LinkedHashMap<>();
        diff("segment_code", segment.segmentCode(), remote.segmentCode(), lastSent.map(SegmentState::segmentCode),
                details, fields);
        diff("segment_name", segment.segmentName(), remote.segmentName(), lastSent.map(SegmentState::segmentName),
                details, fields);
        diff("active", segment.active(), remote.active(), lastSent.map(SegmentState::active), details, fields);
        return new PlanEntry(details.isEmpty() ? Kind.UNCHANGED : Kind.UPDATE, segment.systemId(), record, details,
                fields);
    }

    /**
     * A field differs when the source supplies it and CIOPulse holds something else (null: CIOPulse does not hold
     * the segment, and {@code details} is not written).
     */
    private static void diff(String field, String wanted, String actual, Optional<String> lastSent, List<String> details,
                             Map<String, PlannedChange.Change> fields) {
        if (wanted == null || wanted.equals(actual)) {
            return;
        }
        fields.put(field, new PlannedChange.Change(actual, wanted));
        if (actual == null) {
            return;
        }
        String change = field + ": '" + actual + "' -> '" + wanted + "'";
        if (lastSent.isPresent() && !Objects.equals(lastSent.get(), actual)) {
            change += " (drift: changed in CIOPulse since this sync sent '" + lastSent.get() + "')";
        }
        details.add(change);
    }

    private Optional<PlanEntry> removal(String source, SegmentState state, RemoteSegment remote, List<String> warnings) {
        if (remote == null) {
            warnings.add("owned segment '" + state.systemId() + "' left the source and is no longer in CIOPulse");
            return Optional.empty();
        }
        if (settings.deleteRemoved()) {
            return Optional.of(PlanEntry.delete(source, state.systemId()));
        }
        if ("n".equals(remote.active())) {
            return Optional.empty();
        }
        return Optional.of(PlanEntry.deactivate(source, state.systemId(), List.of("left the source")));
    }

    /** Codes that will clash: two snapshot rows with one code, or a code another segment holds in CIOPulse. */
    private static void warnCodeClashes(Map<String, ValidSegment> wanted, Map<String, RemoteSegment> remote,
                                        List<String> warnings) {
        Map<String, List<String>> idsByCode = new TreeMap<>();
        wanted.values().stream().filter(s -> s.segmentCode() != null)
                .forEach(s -> idsByCode.computeIfAbsent(s.segmentCode(), c -> new ArrayList<>()).add(s.systemId()));
        idsByCode.forEach((code, ids) -> {
            if (ids.size() > 1) {
                warnings.add("segment_code '" + code + "' is on several rows of the snapshot: " + ids
                        + "; CIOPulse will refuse all but one (422)");
            }
        });
        for (RemoteSegment holder : remote.values()) {
            List<String> claimants = idsByCode.getOrDefault(holder.segmentCode(), List.of());
            ValidSegment holderWanted = wanted.get(holder.systemId());
            boolean holderKeepsCode = holderWanted == null || holderWanted.segmentCode() == null
                    || holderWanted.segmentCode().equals(holder.segmentCode());
            for (String claimant : claimants) {
                if (!claimant.equals(holder.systemId()) && holderKeepsCode) {
                    warnings.add("segment_code '" + holder.segmentCode() + "' wanted for '" + claimant
                            + "' is held by system_id '" + holder.systemId() + "' in CIOPulse (422 expected)");
                }
            }
        }
    }

    private String guard(List<PlanEntry> entries, int owned) {
        long removals = entries.stream().filter(entry -> entry.kind().removes()).count();
        if (owned == 0 || removals * 100.0 / owned <= settings.guardPercent() || settings.guardOverride()) {
            return null;
        }
        return String.format("would %s %d of the %d segments this source owns (%.0f%% > %.0f%%); nothing was written."
                        + " If the source really lost them, run once with sync.reconcile.guard-override=true",
                settings.deleteRemoved() ? "delete" : "deactivate", removals, owned, removals * 100.0 / owned,
                settings.guardPercent());
    }

    private static SegmentRecord toRecord(ValidSegment segment) {
        return new SegmentRecord(segment.source(), segment.sourceRef(), segment.systemId(), segment.segmentCode(),
                segment.segmentName(), segment.active(), SegmentAction.UPSERT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object item) {
        if (item instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw new IllegalArgumentException("a snapshot holds segment records or maps, not "
                + (item == null ? "null" : item.getClass().getName()));
    }
}
