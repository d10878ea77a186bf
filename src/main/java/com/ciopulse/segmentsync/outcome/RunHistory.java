package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.pipeline.SourceStoppingException;
import com.ciopulse.segmentsync.pipeline.SyncHaltedException;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every batch a source hands over (a file, a poll, a snapshot) as a run in the state store: source,
 * mode, start, end and the outcome counts. A run that failed (halted, stopped by a guard) records that too; one cut
 * short by a stop (SIGTERM, its source stopped or suspended mid-batch) is recorded as interrupted.
 *
 * <p>While runs are open, a heartbeat stores their counts so far every interval, and closes as interrupted the open
 * runs of any instance silent for {@value #SILENT_HEARTBEATS} intervals (killed mid-run): the first beat comes at
 * once, so a start closes what a killed process left open as soon as it is silent long enough. {@link #close}, as
 * the process stops, closes its own open runs as interrupted.
 */
public class RunHistory implements AutoCloseable {

    static final String RUN_ID = "syncRunId";
    /** How many routes of this exchange asked for a run: only the outermost records one. */
    static final String RUN_DEPTH = "syncRunDepth";
    /**
     * How many heartbeats an open run may miss before another instance closes it. Several, so that a pause (a long
     * garbage collection, a slow store) never closes a live run; should that happen anyway, the next heartbeat of its
     * process opens it again.
     */
    public static final int SILENT_HEARTBEATS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private final SyncRunStore runs;
    private final Clock clock;
    private final StateStoreOutage outage;
    private final Duration silence;
    /** The open runs of this process by id, with their counts so far as the outcomes are recorded. */
    private final Map<Long, OpenRun> open = new ConcurrentHashMap<>();

    /**
     * @param heartbeat how often the counts of the open runs are stored and silent runs looked for; every instance
     *                  on one store must use the same
     */
    public RunHistory(SyncRunStore runs, Clock clock, StateStoreOutage outage, ScheduledExecutorService ticker,
                      Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat of the run history must be positive, not " + heartbeat);
        }
        this.runs = runs;
        this.clock = clock;
        this.outage = outage;
        this.silence = heartbeat.multipliedBy(SILENT_HEARTBEATS);
        // the first beat one heartbeat after the start, not during it: at the start no run of this process is open
        // yet, and a silent run of another is closed a few seconds later all the same, while its two statements would
        // take the CPU from the start (cold H2 code) on a small machine
        ticker.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
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
        OpenRun run = new OpenRun(source);
        long runId = runs.start(mode, source, clock.instant(), run::countsSoFar);
        open.put(runId, run);
        exchange.setProperty(RUN_ID, runId);
        // a route that fails may never reach its finish (a rollback ends the routing, doFinally included): the run
        // then ends with the exchange, with the counts it reached
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                end(runId, done, run.countsSoFar());
            }
        });
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
        end(runId, exchange, counts);
    }

    /** Stores the end of the run, unless it was stored already. */
    private void end(long runId, Exchange exchange, Map<String, Long> counts) {
        OpenRun run = open.remove(runId);
        if (run == null) {
            return;
        }
        run.addSanitized(counts);
        Throwable thrown = exchange.getException();
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown == null && caught == null) {
            runs.finish(runId, clock.instant(), counts);
        } else if (causedBy(thrown, SyncHaltedException.class) || causedBy(caught, SyncHaltedException.class)) {
            counts.put("halted", 1L);
            runs.finish(runId, clock.instant(), counts);
        } else if (causedBy(thrown, SourceStoppingException.class) || causedBy(caught, SourceStoppingException.class)
                || exchange.getContext().isStopping()) {
            // the input was not read to the end and stays unacknowledged: a later run reads it again
            runs.interrupt(runId, clock.instant(), counts);
        } else {
            counts.put("stopped", 1L);
            runs.finish(runId, clock.instant(), counts);
        }
    }

    /** Hears every recorded outcome: it counts for the open run of its source, until that run's end is stored. */
    public void recorded(SegmentOutcome outcome) {
        for (OpenRun run : open.values()) {
            if (run.source.equals(outcome.source())) {
                run.count(outcome.outcome().label());
                if (!outcome.sanitized().isEmpty()) {
                    run.sanitized.increment();
                }
                return;
            }
        }
    }

    /** The process stops: its open runs (of the sources and any other) end as interrupted, with their counts so far. */
    @Override
    public void close() {
        int closed = runs.interruptOpenRuns(clock.instant());
        open.clear();
        if (closed > 0) {
            LOG.info("{} run(s) still open at the stop recorded as interrupted", closed);
        }
    }

    private void beat() {
        try {
            runs.beat(clock.instant());
            int closed = runs.closeSilentRuns(clock.instant(), silence);
            if (closed > 0) {
                LOG.info("{} run(s) without a heartbeat for {} s recorded as interrupted (their process was stopped"
                        + " or killed mid-run)", closed, silence.toSeconds());
            }
        } catch (RuntimeException e) {
            // the store's outage is reported by the sources' polls; the next beat tries again
            LOG.debug("run history heartbeat failed", e);
        }
    }

    /** Whether the failure is of the type or caused by one, however wrapped. */
    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return ObjectHelper.getException(type, failure) != null;
    }

    private static final class OpenRun {

        private final String source;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        /** Records sent with values changed from what the source supplied; stored beside the outcome counts. */
        private final LongAdder sanitized = new LongAdder();

        OpenRun(String source) {
            this.source = source;
        }

        void count(String label) {
            counts.computeIfAbsent(label, l -> new LongAdder()).increment();
        }

        Map<String, Long> countsSoFar() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((label, n) -> copy.put(label, n.sum()));
            addSanitized(copy);
            return copy;
        }

        void addSanitized(Map<String, Long> runCounts) {
            long n = sanitized.sum();
            if (n > 0) {
                runCounts.put("sanitized", n);
            }
        }
    }
}
