package com.ciopulse.segmentsync.source;

import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.pipeline.SourceStoppingException;
import com.ciopulse.segmentsync.pipeline.SyncHaltedException;
import com.ciopulse.segmentsync.reconcile.ReconcileStoppedException;
import com.ciopulse.segmentsync.state.StateStoreException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every polling source shares, as one bean: when a source may poll ({@link #due}, its backoff after
 * failures), the end of a poll that read everything ({@link #readToEnd}), the one error path of a poll
 * ({@link #failed}), which decides by the kind of failure what is logged and what the source's state becomes, and
 * the acknowledgement of what a poll handed over ({@link #acknowledge}).
 *
 * <p>A source template's route is a filter on {@code due} around this bean as a {@code policy} around its normal
 * path: the policy ends the poll with {@code readToEnd} when the path ends without an exception, and hands any
 * exception to {@code failed} and handles it, as a {@code doCatch} would. A policy, not an {@code onException}: a
 * failure the pipeline's own error handler already dealt with (a 401's halt, a stopping source, a state store that
 * does not answer) is not handled again by the calling route's error handler, so an {@code onException} of the
 * source's route would never see it; a policy sees the exchange as it comes back, whatever dealt with it.
 */
public class SourcePolls implements Policy {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePolls.class);

    private final SourceStates states;
    private final StateStoreOutage storeOutage;
    private final SourceControl sourceControl;
    private final Clock clock;
    private final Map<String, PollBackoff> backoffs = new ConcurrentHashMap<>();
    /** The sources whose poll in progress failed: a poll strategy's commit must not call it read. */
    private final Set<String> failedThisPoll = ConcurrentHashMap.newKeySet();

    public SourcePolls(SourceStates states, StateStoreOutage storeOutage, SourceControl sourceControl, Clock clock) {
        this.states = states;
        this.storeOutage = storeOutage;
        this.sourceControl = sourceControl;
        this.clock = clock;
    }

    /**
     * Whether the source may poll now: always, unless it waits after failed polls (the wait doubles from
     * {@code delay} up to {@code maxDelay}). A poll that is due has begun.
     */
    public boolean due(String source, long delay, long maxDelay) {
        PollBackoff backoff = backoffs.computeIfAbsent(source, id -> {
            PollBackoff created = new PollBackoff(clock);
            created.setDelay(delay);
            created.setMaxDelay(maxDelay);
            return created;
        });
        boolean due = backoff.due();
        if (due) {
            started(source);
        }
        return due;
    }

    /** A poll of a source that spaces out its polls itself (a file consumer) began. */
    public void started(String source) {
        failedThisPoll.remove(source);
        states.polling(source);
    }

    /** A poll that began with {@link #started} ended: read to the end, unless it failed on the way. */
    public void ended(String source) {
        if (!failedThisPoll.remove(source)) {
            readToEnd(source);
        }
    }

    /** The poll read everything its source had pending, and every record has an outcome and was acknowledged. */
    public void readToEnd(String source) {
        PollBackoff backoff = backoffs.get(source);
        if (backoff != null) {
            backoff.succeeded(source);
        }
        // the poll read and wrote its checkpoint: an outage of the store is over
        storeOutage.answered();
        states.read(source);
    }

    /**
     * The poll failed; nothing it read is acknowledged, so its input is read again later. A state store that does
     * not answer is logged once per outage; a halt or a stop cuts the poll short; anything else means the source's
     * own system failed, and the source waits longer before each further attempt.
     */
    public void failed(String source, Exception error) {
        failedThisPoll.add(source);
        // a sub-route's failure may come wrapped
        Throwable store = ObjectHelper.getException(StateStoreException.class, error);
        Throwable halt = ObjectHelper.getException(SyncHaltedException.class, error);
        Throwable stop = halt != null ? halt : ObjectHelper.getException(SourceStoppingException.class, error);
        if (store != null) {
            storeOutage.pollFailed(source, store);
            states.cutShort(source, "the state store does not answer (" + StateStoreOutage.reason(store) + ")");
        } else if (stop != null) {
            String why = whySuspended();
            LOG.warn("Source '{}': not acknowledged, its input is read again later: {}{}", source, stop.getMessage(),
                    why);
            states.cutShort(source, stop.getMessage() + why);
        } else {
            PollBackoff backoff = backoffs.get(source);
            if (backoff != null) {
                backoff.failed(source, error);
            } else {
                LOG.warn("Source '{}' failed to poll: {}. Nothing was acknowledged; it polls again at its next turn",
                        source, error.getMessage());
            }
            if (ObjectHelper.getException(ReconcileStoppedException.class, error) != null) {
                states.cutShort(source, error.getMessage());
            } else {
                states.failed(source, String.valueOf(error.getMessage()));
            }
        }
    }

    /** Every record of the poll has an outcome: its source may move its watermark past them. */
    public void acknowledge(PolledBatch poll, BatchResult result) {
        poll.acknowledge(result);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the poll's steps stay as the route says them
    }

    /** A poll of the route's source: the steps given end it read to the end, or failed. */
    @Override
    public Processor wrap(Route route, Processor poll) {
        return new Poll(route.getRouteId(), poll);
    }

    /** The steps of one poll, whose end goes to {@link #readToEnd} or {@link #failed}. */
    private final class Poll extends DelegateAsyncProcessor {

        private final String source;

        Poll(String source, Processor steps) {
            super(steps);
            this.source = source;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            return processor.process(exchange, doneSync -> {
                ended(exchange);
                callback.done(doneSync);
            });
        }

        private void ended(Exchange exchange) {
            Exception error = exchange.getException();
            if (error == null) {
                readToEnd(source);
                return;
            }
            // handled here, as a doCatch handles it: the timer's exchange completes, nothing logs it again, and the
            // caught exception tells SourceRunNotifier that the poll acknowledged nothing
            exchange.setException(null);
            exchange.setProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, error);
            exchange.getExchangeExtension().setRedeliveryExhausted(false);
            failed(source, error);
        }

        @Override
        public String toString() {
            return "sourcePoll[" + source + "]";
        }
    }

    private String whySuspended() {
        Set<String> reasons = sourceControl.suspendReasons();
        return reasons.isEmpty() ? "" : " (sources suspended: " + String.join("; ", reasons) + ")";
    }
}
