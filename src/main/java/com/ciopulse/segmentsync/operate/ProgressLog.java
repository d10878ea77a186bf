package com.ciopulse.segmentsync.operate;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Logs the progress of every running batch at a steady interval (not per record): records done, of how many
 * when the source said, the rate and the time left. A batch shorter than one interval logs only its summary.
 * A stalled batch keeps logging, so a stall shows as a falling rate rather than as silence.
 */
public class ProgressLog {

    static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
    /**
     * Marks the periodic lines of running batches (not the summaries): a console that shows the running batches
     * live leaves these lines to the log file.
     */
    public static final Marker RUNNING = MarkerFactory.getMarker("SYNC_PROGRESS");

    /** Told when a batch starts and when it finishes, e.g. to show it live on a terminal. */
    public interface Watcher {
        void started(BatchProgress batch);

        void finished(BatchProgress batch);
    }

    private final Set<BatchProgress> running = ConcurrentHashMap.newKeySet();
    private volatile Watcher watcher;

    /**
     * @param interval how often running batches are logged; zero or negative logs summaries only
     */
    public ProgressLog(ScheduledExecutorService ticker, Duration interval) {
        if (!interval.isNegative() && !interval.isZero()) {
            ticker.scheduleAtFixedRate(this::logRunning, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts tracking a batch; {@code expected} is its number of records, or -1 when the source cannot tell. */
    public BatchProgress start(String source, long expected) {
        return start(source, expected, -1, 0);
    }

    /**
     * Starts tracking a batch that is one part of a larger whole (a file sent in chunks), counted as the whole.
     *
     * @param runSize the records of the whole, or -1 when the batch is the whole
     * @param runDone the records of the whole that the parts before this batch held
     */
    public BatchProgress start(String source, long expected, long runSize, long runDone) {
        BatchProgress batch = new BatchProgress(source, expected, runSize, runDone, System.nanoTime(),
                this::finished);
        running.add(batch);
        Watcher watching = watcher;
        if (watching != null) {
            watching.started(batch);
        }
        return batch;
    }

    /** Tells {@code watcher} of every batch that starts from now on, and when it finishes. */
    public void watch(Watcher watcher) {
        this.watcher = watcher;
    }

    private void finished(BatchProgress batch) {
        running.remove(batch);
        Watcher watching = watcher;
        if (watching != null) {
            watching.finished(batch);
        }
    }

    private void logRunning() {
        long now = System.nanoTime();
        running.forEach(batch -> LOG.info(RUNNING, "{}", batch.describeProgress(now)));
    }
}
