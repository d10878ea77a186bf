package com.ciopulse.segmentsync.operate;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of every running batch at a steady interval (not per record): records done, of how many
 * when the source said, the rate and the time left. A batch shorter than one interval logs only its summary.
 * A stalled batch keeps logging, so a stall shows as a falling rate rather than as silence.
 */
public class ProgressLog {

    static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final Set<BatchProgress> running = ConcurrentHashMap.newKeySet();

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
        BatchProgress batch = new BatchProgress(source, expected, System.nanoTime(), running::remove);
        running.add(batch);
        return batch;
    }

    private void logRunning() {
        long now = System.nanoTime();
        running.forEach(batch -> LOG.info("{}", batch.describeProgress(now)));
    }
}
