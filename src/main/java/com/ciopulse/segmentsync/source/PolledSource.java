package com.ciopulse.segmentsync.source;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.state.CheckpointStore;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every source bean of a template shares: its id (the route's, known from its first poll), the settings it
 * reads its secrets from, the store of its checkpoint and the metrics it shows its watermark in, how far before its
 * stored watermark a poll starts, and how it names itself in logs. A source adds only what its system needs.
 */
public abstract class PolledSource {

    /** The concrete source's own logger, so its lines carry its class's name. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    /** The source's id, the route id; null until the first poll. */
    protected String sourceId;
    /** Reads a secret setting ({@code sync.<kind>.<source>.<name>}), never through the property placeholders. */
    protected UnaryOperator<String> secrets;
    protected CheckpointStore checkpoints;
    /** Null for a source made without metrics (a test, a subscription's query). */
    protected SyncMetrics metrics;
    /** How far before the stored watermark each poll starts, in the watermark's unit (seconds for a time). */
    protected long overlap;

    public void setSecrets(UnaryOperator<String> secrets) {
        this.secrets = secrets;
    }

    public void setCheckpoints(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    public void setMetrics(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    public void setOverlap(long overlap) {
        if (overlap < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": overlap must be 0 or more, not " + overlap);
        }
        this.overlap = overlap;
    }

    /** The template gave the bean what every source needs; checked by its {@code open}. */
    protected void requireStores() {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** Whether a parameter is left out: empty or {@code -} (Camel Main refuses an empty template value). */
    public static boolean unset(String value) {
        return value == null || value.isBlank() || value.strip().equals("-");
    }

    /** The stored watermark as a gauge, when there are metrics and a watermark. */
    protected void showWatermark(Instant stored) {
        if (metrics != null && stored != null) {
            metrics.watermark(sourceId, stored);
        }
    }

    /** A watermark that is a number as a gauge; NaN (a timestamp without zone has no number) shows nothing. */
    protected void showWatermark(double stored) {
        if (metrics != null) {
            metrics.watermark(sourceId, stored);
        }
    }

    /**
     * Checks that the pipeline answered for every record the poll sent, before anything moves.
     *
     * @throws IllegalStateException when it did not: the watermark stays
     */
    protected void requireAnOutcomeEach(int sent, BatchResult result) {
        if (result.size() != sent) {
            throw new IllegalStateException(kind() + " '" + sourceId + "': " + result.size() + " outcomes for " + sent
                    + " records; the watermark stays");
        }
    }

    /** Logs a dry run's poll: its records were not sent, so the watermark stays. */
    protected void acknowledgedDryRun(Object poll, BatchResult result) {
        log.info("{} '{}': {}: {}; dry run, the watermark stays", kind(), sourceId, poll, result);
    }

    /**
     * Logs an acknowledged poll: at INFO only when it changed something, since the records at the watermark come back
     * unchanged on every poll.
     */
    protected void acknowledged(Object poll, BatchResult result, Object watermark) {
        if (result.changedNothing()) {
            log.debug("{} '{}': {}: {}; watermark {}", kind(), sourceId, poll, result, watermark);
        } else {
            log.info("{} '{}': {}: {}; watermark {}", kind(), sourceId, poll, result, watermark);
        }
    }

    /** How the source's lines begin: {@code JDBC source}, {@code REST source}, {@code Salesforce source}. */
    protected abstract String kind();

    /** What the source reads, for logs and errors: an object, a table, a URL (never a secret). */
    protected abstract String reads();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (sourceId == null ? "not polled yet" : sourceId) + ": " + reads() + "]";
    }
}
