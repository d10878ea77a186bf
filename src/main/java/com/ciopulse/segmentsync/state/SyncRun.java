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
 * @param finishedAt    when it finished or was interrupted; null while running
 * @param outcomeCounts records per outcome name, in name order: the final counts, or the last ones its process
 *                      wrote while it ran (an open or interrupted run)
 * @param heartbeatAt   when its process last said it was still running (null for runs stored before heartbeats)
 * @param interrupted   null for a run that is open or finished to the end; else why it was cut short, see
 *                      {@link #STOPPED} and {@link #NO_HEARTBEAT}
 */
public record SyncRun(long id, String mode, String source, Instant startedAt, Instant finishedAt,
                      Map<String, Long> outcomeCounts, Instant heartbeatAt, String interrupted) {

    /** Its process stopped it before its input was read to the end (SIGTERM, a stop of the source). */
    public static final String STOPPED = "stopped";
    /** Its process fell silent (killed, crashed, or cut off from the store): closed by another start. */
    public static final String NO_HEARTBEAT = "no-heartbeat";

    public SyncRun {
        outcomeCounts = outcomeCounts == null ? Map.of() : outcomeCounts;
    }

    /** Whether the run has ended, to the end or interrupted. */
    public boolean isFinished() {
        return finishedAt != null;
    }

    /** Whether the run ended before its input was read to the end; its input is read again by a later run. */
    public boolean isInterrupted() {
        return interrupted != null;
    }

    /** {@code running}, {@code finished} or {@code interrupted}: what the reports show. */
    public String status() {
        return !isFinished() ? "running" : isInterrupted() ? "interrupted" : "finished";
    }
}
