package com.ciopulse.segmentsync.reconcile;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a reconcile of one source's full snapshot will do, decided before anything is written.
 *
 * @param source   the source whose snapshot this is
 * @param entries  one entry per segment the plan touches or checked
 * @param invalid  snapshot records that failed validation; they go through the pipeline to be rejected there
 * @param warnings duplicates, conflicts the plan can already see, drift
 * @param owned    how many segments this source owned before the run
 * @param guard    why the plan must not run (too many removals), or null when it may
 */
public record ReconcilePlan(String source, List<PlanEntry> entries, List<SegmentRecord> invalid,
                            List<String> warnings, int owned, String guard) {

    /** The console shows this many of the writes; a dry run's plan file has them all. */
    static final int SHOWN_WRITES = 10;

    public Map<PlanEntry.Kind, Long> counts() {
        Map<PlanEntry.Kind, Long> counts = new EnumMap<>(PlanEntry.Kind.class);
        entries.forEach(entry -> counts.merge(entry.kind(), 1L, Long::sum));
        return counts;
    }

    public boolean guardTripped() {
        return guard != null;
    }

    public List<PlanEntry> writes() {
        return entries.stream().filter(entry -> entry.kind().writes()).toList();
    }

    /** The plan as an operator reads it before a real run. */
    public String render() {
        StringBuilder text = new StringBuilder("Plan for source '" + source + "': ");
        Map<PlanEntry.Kind, Long> counts = counts();
        text.append(counts.isEmpty() ? "nothing" : counts.toString().toLowerCase(java.util.Locale.ROOT)
                .replace("=", " ").replace("{", "").replace("}", ""));
        if (!invalid.isEmpty()) {
            text.append(", invalid ").append(invalid.size());
        }
        text.append('\n');
        List<PlanEntry> writes = writes();
        writes.stream().limit(SHOWN_WRITES).forEach(entry -> text.append("  would ").append(entry).append('\n'));
        if (writes.size() > SHOWN_WRITES) {
            text.append("  ... and ").append(writes.size() - SHOWN_WRITES).append(" more writes\n");
        }
        warnings.forEach(warning -> text.append("  ! ").append(warning).append('\n'));
        if (guard != null) {
            text.append("  STOPPED: ").append(guard).append('\n');
        }
        return text.toString();
    }
}
