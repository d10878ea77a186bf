package com.ciopulse.segmentsync.control;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Runs each source route (group {@value SourceControl#SOURCE_GROUP}) on one instance at a time: every source
 * route gets Camel's {@link ClusteredRoutePolicy} on its own namespace ({@value #NAMESPACE_PREFIX}route id), so
 * the route starts on the instance that the cluster service elects and stops there when the leadership is
 * lost. The routes and templates stay as they are, a user's own source route included; instances may lead
 * different sources. Added only when a cluster service is configured.
 */
public final class SourceLeadership implements RoutePolicyFactory {

    /** Lock name of a source, e.g. the file {@code segment-sync-file-drop} in the file cluster service's folder. */
    public static final String NAMESPACE_PREFIX = "segment-sync-";

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        if (route instanceof RouteDefinition definition && SourceControl.SOURCE_GROUP.equals(definition.getGroup())) {
            try {
                return ClusteredRoutePolicy.forNamespace(context, NAMESPACE_PREFIX + routeId);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot make source route '" + routeId + "' leader-only", e);
            }
        }
        return null;
    }
}
