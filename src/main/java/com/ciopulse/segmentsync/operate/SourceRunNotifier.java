package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.control.SourceControl;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Tells the metrics about the source routes (group {@value SourceControl#SOURCE_GROUP}): each one added gets its
 * running gauge, and a poll reached its acknowledgement when an exchange the source started ended without an error
 * and without one a {@code doCatch} took (a poll that failed, a batch halted by a 401), so everything it read has an
 * outcome and it acknowledged its input (a file was moved, a watermark or replay id stored). A tick a polling source
 * skipped while it backs off is none: its filter says so in {@value #POLLED}. Works for any source, a user's own
 * routes included, since it only looks at the route group and the exchange.
 */
public class SourceRunNotifier extends EventNotifierSupport {

    /** Exchange property a polling source's filter sets ({@code statusPropertyName}): false for a skipped tick. */
    public static final String POLLED = "SegmentSyncPolled";

    private final SyncMetrics metrics;
    /**
     * The ids of the source routes, kept from their added and removed events: every record's exchange ends here, and
     * {@code CamelContext.getRoute} copies the list of all routes for each lookup.
     */
    private final Set<String> sourceRouteIds = ConcurrentHashMap.newKeySet();

    public SourceRunNotifier(SyncMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.RouteAddedEvent
                || event instanceof CamelEvent.RouteRemovedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteAddedEvent added) {
            Route route = added.getRoute();
            if (SourceControl.SOURCE_GROUP.equals(route.getGroup())) {
                sourceRouteIds.add(route.getRouteId());
                metrics.sourceAdded(route.getCamelContext(), route.getRouteId());
            }
            return;
        }
        if (event instanceof CamelEvent.RouteRemovedEvent removed) {
            sourceRouteIds.remove(removed.getRoute().getRouteId());
            return;
        }
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId != null && sourceRouteIds.contains(routeId) && reachedAcknowledgement(exchange)) {
            metrics.sourceSucceeded(routeId);
        }
    }

    private static boolean reachedAcknowledgement(Exchange exchange) {
        return !exchange.isFailed() && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null
                && !Boolean.FALSE.equals(exchange.getProperty(POLLED, Boolean.class));
    }
}
