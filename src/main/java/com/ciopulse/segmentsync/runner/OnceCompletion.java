package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.control.SourceStates.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * Ends a {@code --once} run when every source has settled: read to the end, or given up after its attempts (a
 * source that cannot be read, or whose input stays cut short by an open circuit or a failing state store). A
 * source that fails is polled again within its backoff, and given up after {@code attempts} failed polls in a row
 * or {@code giveUp} after the first of them, whichever comes first, so a source that cannot connect ends the run
 * within a bounded time instead of polling forever. A source route that reports no state (a user's own route) is
 * settled once nothing has been in flight for {@code idle}.
 */
final class OnceCompletion {

    private static final long CHECK_MILLIS = 100;

    private final CamelContext context;
    private final SourceStates states;
    private final int attempts;
    private final Duration giveUp;
    private final Duration idle;
    private final Clock clock;
    private final Runnable complete;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Map<String, SourceState> settledStates;
    private Instant lastBusy;

    OnceCompletion(CamelContext context, SourceStates states, int attempts, Duration giveUp, Duration idle,
                   Clock clock, Runnable complete) {
        this.context = context;
        this.states = states;
        this.attempts = Math.max(1, attempts);
        this.giveUp = giveUp;
        this.idle = idle;
        this.clock = clock;
        this.complete = complete;
        this.lastBusy = clock.instant();
    }

    /** Checks every {@value #CHECK_MILLIS} ms on the given thread until the run ends. */
    void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether this check ended the run (rather than a signal or a halt). */
    boolean ended() {
        return ended.get();
    }

    /**
     * The sources' states for the report: as they were when the run settled, since stopping the routes may cut
     * short a poll that began after its source was read to the end; as they are now when something else ended it.
     */
    Map<String, SourceState> finalStates() {
        Map<String, SourceState> settled = settledStates;
        return settled != null ? settled : states.snapshot();
    }

    void check() {
        if (ended.get() || !context.isStarted()) {
            return;
        }
        Instant now = clock.instant();
        if (context.getInflightRepository().size() > 0) {
            lastBusy = now;
        }
        boolean untracked = false;
        for (Route route : context.getRoutes()) {
            if (!SourceControl.SOURCE_GROUP.equals(route.getGroup()) || !running(route)) {
                continue;
            }
            SourceState state = states.get(route.getRouteId());
            if (state == null) {
                untracked = true;
            } else if (!settled(state, context.getInflightRepository().size(route.getRouteId()) > 0, now)) {
                return;
            }
        }
        if (untracked && Duration.between(lastBusy, now).compareTo(idle) < 0) {
            return;
        }
        if (ended.compareAndSet(false, true)) {
            settledStates = states.snapshot();
            complete.run();
        }
    }

    private boolean running(Route route) {
        ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
        return status == ServiceStatus.Started || status == ServiceStatus.Suspended
                || status == ServiceStatus.Suspending || status == ServiceStatus.Starting;
    }

    private boolean settled(SourceState state, boolean polling, Instant now) {
        return switch (state.status()) {
            // a further poll under way may be sending records that arrived since: it finishes first
            case READ -> !polling;
            case POLLING -> false;
            case FAILING, CUT_SHORT -> state.failuresInARow() >= attempts
                    || (!polling && Duration.between(state.firstFailure(), now).compareTo(giveUp) >= 0);
        };
    }
}
