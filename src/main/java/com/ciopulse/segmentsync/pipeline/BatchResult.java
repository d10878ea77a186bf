package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What {@code direct:segment-sync-batch} answers: one outcome per record, in the order they were read. */
public record BatchResult(List<SegmentOutcome> outcomes) {

    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o.outcome(), 1L, Long::sum));
        return counts;
    }

    /** Whether this was a dry run: its records were planned, not sent, so a source must not move past them. */
    public boolean isDryRun() {
        return outcomes.stream().anyMatch(o -> o.outcome() == Outcome.PLANNED);
    }

    /** Whether no record changed anything (every one ended unchanged): a poll worth a DEBUG line only. */
    public boolean changedNothing() {
        return outcomes.stream().allMatch(o -> o.outcome() == Outcome.UNCHANGED);
    }

    public int size() {
        return outcomes.size();
    }

    @Override
    public String toString() {
        return outcomes.size() + " records " + counts();
    }
}
