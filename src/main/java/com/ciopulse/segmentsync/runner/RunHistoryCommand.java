package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code --runs [N]}: the last runs, newest first, with the dead letters each produced. Interrupted runs show the
 * counts they had reached.
 */
final class RunHistoryCommand {

    private final SyncRunStore runs;
    private final DeadLetterStore deadLetters;
    private final PrintStream out;

    RunHistoryCommand(SyncRunStore runs, DeadLetterStore deadLetters, PrintStream out) {
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.out = out;
    }

    int list(int last) {
        List<SyncRun> recent = runs.recent(last);
        out.println(recent.size() + " run(s), newest first");
        for (SyncRun run : recent) {
            String dead = run.isFinished()
                    ? " dead-letters=" + deadLetters.countOfRun(run.source(), run.startedAt(), run.finishedAt()) : "";
            out.printf("#%d %s %s %s %s %s%s%n", run.id(), run.startedAt(), run.source() == null ? "all" : run.source(),
                    run.mode(), ending(run), run.outcomeCounts(), dead);
        }
        return 0;
    }

    /**
     * How long it took; an interrupted run says so and why; an open run is running on some instance, or was left
     * open by a process killed since (the next start closes it as interrupted): its last heartbeat tells which.
     */
    private static String ending(SyncRun run) {
        if (!run.isFinished()) {
            return run.heartbeatAt() == null ? "unfinished" : "unfinished, last heartbeat " + run.heartbeatAt();
        }
        String took = String.format("%.1f s", Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0);
        if (!run.isInterrupted()) {
            return took;
        }
        return "interrupted after " + took + " (" + (SyncRun.NO_HEARTBEAT.equals(run.interrupted()) ? "no heartbeat"
                : "stopped") + ")";
    }
}
