package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.operate.BatchProgress;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.state.CommitBarrier;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.StatefulService;
import org.apache.camel.support.ObjectHelper;

/**
 * Sends a source's records through the pipeline in parallel, keeping the order per segment: records for
 * different system ids run side by side (at most {@code maxInFlight} at a time), while two records for the
 * same system id run one after the other, in the order the source read them. A route cannot say this well
 * (a parallel splitter may reorder any two records), hence Java.
 *
 * <p>The dispatch returns only when every record it read has an outcome and every state those records saved is
 * committed (the batch's {@link CommitBarrier}; a record does not wait for its own commit), so a source
 * acknowledges its input after the whole batch ended and is stored. When a record halts the sync (401) or a state
 * cannot be committed, no further record is read and the batch fails, so the source does not acknowledge it and
 * reads it again later. Likewise when the sync shuts down (SIGTERM) or the source route stops (leadership lost)
 * or is suspended (circuit open) mid-batch: the records in flight finish, no new one is read, and the batch fails
 * with {@link SourceStoppingException}, so a stop or a suspension is quick and acknowledges nothing early.
 */
public class SegmentDispatcher {

    /** Records read ahead of sending: one state query for each chunk (see {@link ChangeDetection#readAhead}). */
    private static final int CHUNK = 64;

    private final ProducerTemplate producer;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final String pipelineUri;
    /** The pipeline entry, resolved at the first record rather than looked up by its URI for every record. */
    private volatile Endpoint pipeline;
    private final ProgressLog progressLog;
    /** Told of each chunk of records before they are sent, so that their states are read in one query. */
    private final ChangeDetection changeDetection;
    /** The last queued task per system id; a new record for the same id runs after it. */
    private final Map<String, CompletableFuture<?>> lastTaskBySystemId = new ConcurrentHashMap<>();

    public SegmentDispatcher(ProducerTemplate producer, ExecutorService workers, int maxInFlight, String pipelineUri,
                             ProgressLog progressLog, ChangeDetection changeDetection) {
        this.changeDetection = changeDetection;
        this.producer = producer;
        this.workers = workers;
        this.inFlight = new Semaphore(maxInFlight);
        this.pipelineUri = pipelineUri;
        this.progressLog = progressLog;
    }

    /**
     * Dispatches the exchange's body: an iterator, iterable or array of {@link SegmentRecord}s or maps. Maps
     * are read with the {@code SegmentSyncSource} and {@code SegmentSyncAction} headers; the optional
     * {@code SegmentSyncBatchSize} header gives the progress log the number of records to expect.
     */
    public BatchResult dispatchAll(Exchange exchange) throws InterruptedException {
        Object body = exchange.getMessage().getBody();
        String source = exchange.getMessage().getHeader(SyncHeaders.SOURCE, "unnamed", String.class);
        SegmentAction action = SegmentAction.parse(exchange.getMessage().getHeader(SyncHeaders.ACTION, String.class));
        Iterator<?> items = ObjectHelper.createIterator(body);
        Map<String, Object> contractHeaders = new java.util.HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (name.startsWith(SyncHeaders.PREFIX)) {
                contractHeaders.put(name, value);
            }
        });
        BatchProgress progress = progressLog.start(source,
                exchange.getMessage().getHeader(SyncHeaders.BATCH_SIZE, expectedSize(body), Long.class),
                exchange.getMessage().getHeader(SyncHeaders.RUN_SIZE, -1L, Long.class),
                exchange.getMessage().getHeader(SyncHeaders.RUN_DONE, 0L, Long.class));

        List<CompletableFuture<SegmentOutcome>> tasks = new ArrayList<>();
        // set by the first record that halted the sync or failed: no further record is read
        AtomicBoolean halted = new AtomicBoolean();
        CommitBarrier commits = new CommitBarrier();
        boolean completed = false;
        boolean stoppedEarly = false;
        try {
            try {
                String mode = exchange.getMessage().getHeader(SyncHeaders.MODE, String.class);
                List<SegmentRecord> chunk = new ArrayList<>(CHUNK);
                int line = 0;
                while (!halted.get() && !commits.failed() && items.hasNext()) {
                    // a chunk is read before its records are sent, so that their states are read in one query
                    RuntimeException unreadable = null;
                    chunk.clear();
                    try {
                        while (chunk.size() < CHUNK && items.hasNext()) {
                            Object item = items.next();
                            line++;
                            chunk.add(item instanceof SegmentRecord r ? r
                                    : SegmentRecords.fromMap(asMap(item), source, "item " + line, action));
                        }
                    } catch (RuntimeException e) {
                        unreadable = e; // the records read before it are sent first, as one by one
                    }
                    changeDetection.readAhead(chunk, mode);
                    for (SegmentRecord record : chunk) {
                        if (halted.get() || commits.failed()) {
                            break;
                        }
                        if (sourceStopping(exchange)) {
                            stoppedEarly = true;
                            break;
                        }
                        CompletableFuture<SegmentOutcome> task = submit(record, contractHeaders, commits, progress);
                        task.whenComplete((outcome, error) -> {
                            if (error != null || (outcome != null && outcome.outcome() == Outcome.HALTED)) {
                                halted.set(true);
                            }
                        });
                        tasks.add(task);
                    }
                    if (stoppedEarly) {
                        break;
                    }
                    if (unreadable != null) {
                        throw unreadable;
                    }
                }
            } finally {
                if (items instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
            BatchResult result = awaitAll(tasks);
            commits.await();
            if (stoppedEarly) {
                throw new SourceStoppingException("the source is stopping or suspended: " + tasks.size()
                        + " records of this batch finished, the rest was not read; the input stays unacknowledged"
                        + " and is read again");
            }
            completed = true;
            return result;
        } finally {
            progress.finish(completed ? "done" : "stopped");
        }
    }

    /**
     * Whether the sync shuts down or the route that read this batch is being stopped (leadership lost) or suspended
     * (credentials refused, circuit open): Camel suspends the consumer first, then waits for this exchange, so
     * reading on would hold the suspension until its timeout.
     */
    private static boolean sourceStopping(Exchange exchange) {
        CamelContext context = exchange.getContext();
        if (context.isStopping()) {
            return true;
        }
        Route route = exchange.getFromRouteId() == null ? null : context.getRoute(exchange.getFromRouteId());
        return route != null && route.getConsumer() instanceof StatefulService consumer
                && (consumer.isSuspending() || consumer.isSuspended() || consumer.isStopping() || consumer.isStopped());
    }

    /** The number of records when the body knows it (a list, an array), else -1. */
    private static long expectedSize(Object body) {
        if (body instanceof Collection<?> collection) {
            return collection.size();
        }
        return body != null && body.getClass().isArray() ? Array.getLength(body) : -1;
    }

    private CompletableFuture<SegmentOutcome> submit(SegmentRecord record, Map<String, Object> headers,
                                                     CommitBarrier commits, BatchProgress progress)
            throws InterruptedException {
        inFlight.acquire();
        String key = record.systemId() == null ? UUID.randomUUID().toString() : record.systemId().trim();
        CompletableFuture<SegmentOutcome> task = new CompletableFuture<>();
        CompletableFuture<?> previous = lastTaskBySystemId.put(key, task);
        CompletableFuture<?> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
        start.handle((ignored, error) -> null).thenRunAsync(() -> run(record, headers, commits, task), workers);
        task.whenComplete((outcome, error) -> {
            lastTaskBySystemId.remove(key, task);
            inFlight.release();
            progress.recordDone(outcome);
        });
        return task;
    }

    private void run(SegmentRecord record, Map<String, Object> headers, CommitBarrier commits,
                     CompletableFuture<SegmentOutcome> task) {
        try {
            Exchange result = producer.send(pipeline(), e -> {
                e.setProperty(SyncProperties.COMMIT_BARRIER, commits);
                e.getMessage().setHeaders(new java.util.HashMap<>(headers));
                e.getMessage().setBody(record);
            });
            if (result.getException() != null) {
                task.completeExceptionally(result.getException());
            } else {
                task.complete(result.getMessage().getBody(SegmentOutcome.class));
            }
        } catch (RuntimeException e) {
            task.completeExceptionally(e);
        }
    }

    private Endpoint pipeline() {
        Endpoint resolved = pipeline;
        if (resolved == null) {
            resolved = producer.getCamelContext().getEndpoint(pipelineUri);
            pipeline = resolved;
        }
        return resolved;
    }

    private static BatchResult awaitAll(List<CompletableFuture<SegmentOutcome>> tasks) {
        List<SegmentOutcome> outcomes = new ArrayList<>(tasks.size());
        RuntimeException firstError = null;
        for (CompletableFuture<SegmentOutcome> task : tasks) {
            try {
                outcomes.add(task.join());
            } catch (CompletionException e) {
                if (firstError == null) {
                    firstError = e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        return new BatchResult(outcomes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object item) {
        if (item instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw new IllegalArgumentException("a batch holds segment records or maps, not "
                + (item == null ? "null" : item.getClass().getName()));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the records already read have their outcomes; a failing close loses nothing
        }
    }
}
