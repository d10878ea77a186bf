package com.ciopulse.segmentsync.state;

import java.time.Instant;
import java.util.Map;

/**
 * One run of the sync, as the run report history shows it.
 *
 * @param id            store id
 * @param mode          how it ran, e.g. {@code changes}, {@code reconcile}, {@code once}, {@code once-dry-run}
 * @param source        the source the run read, or null for a run over all sources
 * @param startedAt     when it started
 * @param finishedAt    when it finished; null while running (or when the process died during the run)
 * @param outcomeCounts records per outcome name, in name order; empty until finished
 */
public record SyncRun(long id, String mode, String source, Instant startedAt, Instant finishedAt,
                      Map<String, Long> outcomeCounts) {

    public SyncRun {
        outcomeCounts = outcomeCounts == null ? Map.of() : outcomeCounts;
    }

    /** Whether the run has finished. */
    public boolean isFinished() {
        return finishedAt != null;
    }
}
