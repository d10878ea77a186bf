package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.control.SourceControl;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/** Starts every route but the sources, for commands that use the pipeline without reading any source. */
final class PipelineRoutes {

    private final CamelContext context;

    PipelineRoutes(CamelContext context) {
        this.context = context;
    }

    void startAll() throws Exception {
        for (Route route : context.getRoutes()) {
            if (!SourceControl.SOURCE_GROUP.equals(route.getGroup())) {
                context.getRouteController().startRoute(route.getRouteId());
            }
        }
    }
}
