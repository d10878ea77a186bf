package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;

/**
 * Records every batch a source hands over (a file, a poll, a snapshot) as a run in the state store: source,
 * mode, start, end and the outcome counts. A run that failed (halted, stopped by a guard) records that too.
 */
public class RunHistory {

    static final String RUN_ID = "syncRunId";
    /** How many routes of this exchange asked for a run: only the outermost records one. */
    static final String RUN_DEPTH = "syncRunDepth";

    private final SyncRunStore runs;
    private final Clock clock;
    private final StateStoreOutage outage;

    public RunHistory(SyncRunStore runs, Clock clock, StateStoreOutage outage) {
        this.runs = runs;
        this.clock = clock;
        this.outage = outage;
    }

    /**
     * Starts a run, unless the exchange is already in one: a source that records its input as one run (a full
     * file handed to the reconcile) keeps its run, and the inner start and finish leave it alone.
     */
    public void start(Exchange exchange) {
        int depth = exchange.getProperty(RUN_DEPTH, 0, Integer.class);
        exchange.setProperty(RUN_DEPTH, depth + 1);
        if (depth > 0) {
            return;
        }
        String mode = exchange.getMessage().getHeader(SyncHeaders.MODE, "changes", String.class);
        String source = exchange.getMessage().getHeader(SyncHeaders.SOURCE, "unnamed", String.class);
        exchange.setProperty(RUN_ID, runs.start(mode, source, clock.instant()));
        // every source's batch starts here: the first write that works ends an outage of the store
        outage.answered();
    }

    /**
     * Called once the batch ended, however it ended. The counts come from the body: the batch's BatchResult, or
     * the counts by outcome label of a source that hands one input over in several batches (a big file).
     */
    public void finish(Exchange exchange) {
        int depth = exchange.getProperty(RUN_DEPTH, 1, Integer.class) - 1;
        exchange.setProperty(RUN_DEPTH, depth);
        Long runId = exchange.getProperty(RUN_ID, Long.class);
        if (runId == null || depth > 0) {
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        Object body = exchange.getMessage().getBody();
        if (body instanceof BatchResult result) {
            result.counts().forEach((outcome, n) -> counts.put(outcome.label(), n));
        } else if (body instanceof Map<?, ?> byLabel) {
            byLabel.forEach((outcome, n) -> counts.put(String.valueOf(outcome), ((Number) n).longValue()));
        }
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            counts.put(failure instanceof com.ciopulse.segmentsync.pipeline.SyncHaltedException ? "halted" : "stopped", 1L);
        }
        runs.finish(runId, clock.instant(), counts);
    }
}
