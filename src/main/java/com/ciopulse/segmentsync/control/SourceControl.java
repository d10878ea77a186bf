package com.ciopulse.segmentsync.control;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suspends and resumes the source routes (every route in the group {@value #SOURCE_GROUP}) so that nothing
 * more is read, and so nothing acknowledged, while the API cannot take records. Several reasons may hold at
 * once (refused credentials, a failing API); the sources resume when none is left.
 */
public class SourceControl {

    /** The route group that marks a route as a source; a user's own source route sets it too. */
    public static final String SOURCE_GROUP = "segment-sources";

    /** The route property Camel's shutdown strategy sets on a route it forced down after its timeout. */
    static final String FORCED_SHUTDOWN = "forcedShutdown";

    private static final Logger LOG = LoggerFactory.getLogger(SourceControl.class);

    private final CamelContext context;
    private final ExecutorService controlThread;
    private final long suspendTimeoutMillis;
    private final Set<String> reasons = new TreeSet<>();

    /**
     * @param controlThread a single thread: suspending waits for in-flight exchanges, which must not happen on
     *                      the thread of an exchange of the route being suspended
     */
    public SourceControl(CamelContext context, ExecutorService controlThread, long suspendTimeoutMillis) {
        this.context = context;
        this.controlThread = controlThread;
        this.suspendTimeoutMillis = suspendTimeoutMillis;
    }

    public void suspend(String reason) {
        synchronized (reasons) {
            if (!reasons.add(reason)) {
                return;
            }
        }
        controlThread.submit(this::apply);
    }

    public void resume(String reason) {
        synchronized (reasons) {
            if (!reasons.remove(reason)) {
                return;
            }
        }
        controlThread.submit(this::apply);
    }

    /** Why the sources are suspended; empty when they run. */
    public Set<String> suspendReasons() {
        synchronized (reasons) {
            return Set.copyOf(reasons);
        }
    }

    public boolean suspended() {
        return !suspendReasons().isEmpty();
    }

    public List<Route> sourceRoutes() {
        return context.getRoutes().stream().filter(route -> SOURCE_GROUP.equals(route.getGroup())).toList();
    }

    /**
     * A suspension waits for the route's exchange in flight: the dispatcher reads no further record once the
     * consumer is suspended, so this is only as long as the records already under way take. One that cannot finish
     * (a hung call and its retries) holds it up to the suspend timeout; then Camel's shutdown strategy forces the
     * route down (marking it {@value #FORCED_SHUTDOWN}) and the batch ends unacknowledged. Resuming such a route
     * leaves its consumer idle: the route says Started but never polls again. It is restarted instead, so the
     * source reads again (the unacknowledged input first).
     */
    private void resume(Route route) throws Exception {
        String routeId = route.getRouteId();
        if (Boolean.TRUE.equals(route.getProperties().remove(FORCED_SHUTDOWN))) {
            LOG.warn("Source route '{}' was forced down while being suspended (an exchange was still in flight after"
                    + " {} ms); restarting it", routeId, suspendTimeoutMillis);
            context.getRouteController().stopRoute(routeId);
            context.getRouteController().startRoute(routeId);
        } else {
            context.getRouteController().resumeRoute(routeId);
        }
    }

    /** Brings every source route in line with the current reasons; runs on the control thread only. */
    private void apply() {
        Set<String> now = suspendReasons();
        for (Route route : sourceRoutes()) {
            try {
                ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
                if (!now.isEmpty() && status == ServiceStatus.Started) {
                    context.getRouteController().suspendRoute(route.getRouteId(), suspendTimeoutMillis, TimeUnit.MILLISECONDS);
                    LOG.warn("Source route '{}' suspended: {}", route.getRouteId(), now);
                } else if (now.isEmpty() && status == ServiceStatus.Suspended) {
                    resume(route);
                    LOG.info("Source route '{}' resumed", route.getRouteId());
                }
            } catch (Exception e) {
                LOG.error("Could not {} source route '{}': {}", now.isEmpty() ? "resume" : "suspend",
                        route.getRouteId(), e.getMessage(), e);
            }
        }
    }
}
