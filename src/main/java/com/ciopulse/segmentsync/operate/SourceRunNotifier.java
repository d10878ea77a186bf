package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.control.SourceControl;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Tells the metrics about the source routes (group {@value SourceControl#SOURCE_GROUP}): each one added gets its
 * running gauge, and a source completed a run when an exchange it started ended without an error, so everything
 * it read has an outcome and it acknowledged its input (a file was moved, a batch committed). Works for any
 * source, a user's own routes included, since it only looks at the route group.
 */
public class SourceRunNotifier extends EventNotifierSupport {

    private final SyncMetrics metrics;

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
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.RouteAddedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteAddedEvent added) {
            Route route = added.getRoute();
            if (SourceControl.SOURCE_GROUP.equals(route.getGroup())) {
                metrics.sourceAdded(route.getCamelContext(), route.getRouteId());
            }
            return;
        }
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        if (route != null && SourceControl.SOURCE_GROUP.equals(route.getGroup()) && !exchange.isFailed()) {
            metrics.sourceSucceeded(routeId);
        }
    }
}
