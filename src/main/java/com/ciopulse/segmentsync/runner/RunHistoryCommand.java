package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** {@code --runs [N]}: the last runs, newest first, with the dead letters each produced. */
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
            String took = run.isFinished()
                    ? String.format("%.1f s", Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0)
                    : "unfinished";
            String dead = run.isFinished()
                    ? " dead-letters=" + deadLetters.countOfRun(run.source(), run.startedAt(), run.finishedAt()) : "";
            out.printf("#%d %s %s %s %s %s%s%n", run.id(), run.startedAt(), run.source() == null ? "all" : run.source(),
                    run.mode(), took, run.outcomeCounts(), dead);
        }
        return 0;
    }
}
