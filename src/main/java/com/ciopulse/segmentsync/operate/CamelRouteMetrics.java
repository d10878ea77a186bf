package com.ciopulse.segmentsync.operate;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.CamelMetricsService;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.PatternHelper;

/**
 * Camel's route meters ({@code camel_exchanges_total}, {@code camel_route_policy_seconds}, ... per route id) for the
 * routes that run once per poll, file, batch, reconcile or report request: the sources, {@code segment-sync-batch},
 * {@code segment-reconcile}, the report endpoints. The routes every record passes through ({@code segment-sync},
 * {@code segment-send}, {@code segment-outcome}, {@code segments-api-*}) get no policy at all, and there is no
 * context-wide sum over all routes: for each exchange that enters a route, Camel's policy formats two property names
 * and records a timer and counters, work on every record and every attempt that tells nothing new: the
 * {@code segment_sync_*} meters count each record and time each API call already.
 */
public class CamelRouteMetrics extends MicrometerRoutePolicyFactory {

    /** Route ids (Camel's patterns) of the pipeline's routes that run once per record or per attempt. */
    private static final String[] PER_RECORD_ROUTES =
            {"segment-sync", "segment-send", "segment-outcome", "segments-api-*"};

    public CamelRouteMetrics() {
        MicrometerRoutePolicyConfiguration configuration = new MicrometerRoutePolicyConfiguration();
        configuration.setContextEnabled(false);
        setPolicyConfiguration(configuration);
    }

    /**
     * Adds these meters to a context whose Camel metrics are on ({@code camel.metrics.enabled}) without Camel's own
     * route policy ({@code camel.metrics.enable-route-policy = false}); with it, every route has its meters already.
     * Call it before the routes start.
     */
    public static void addTo(CamelContext context) {
        boolean camelMetrics = context.hasService(CamelMetricsService.class) != null;
        boolean everyRoute = context.getRoutePolicyFactories().stream()
                .anyMatch(factory -> factory instanceof MicrometerRoutePolicyFactory);
        if (camelMetrics && !everyRoute) {
            context.addRoutePolicyFactory(new CamelRouteMetrics());
        }
    }

    /** None for a per-record route: not even a policy that records nothing, since Camel advises every exchange. */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return PatternHelper.matchPatterns(routeId, PER_RECORD_ROUTES)
                ? null : super.createRoutePolicy(camelContext, routeId, route);
    }
}
