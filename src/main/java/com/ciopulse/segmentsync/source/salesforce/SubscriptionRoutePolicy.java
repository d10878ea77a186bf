package com.ciopulse.segmentsync.source.salesforce;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Ends the subscription of a {@code salesforce-cdc-source} when its route stops or is suspended (another instance
 * leads the source, the sync halted, the circuit opened): an instance follows events only while it hands them over.
 * The next tick after the route runs again subscribes after the stored replay id.
 */
public class SubscriptionRoutePolicy extends RoutePolicySupport {

    private SalesforceCdcSource source;

    @Override
    public void onStop(Route route) {
        source.interrupted();
    }

    @Override
    public void onSuspend(Route route) {
        source.interrupted();
    }

    public void setSource(SalesforceCdcSource source) {
        this.source = source;
    }
}
