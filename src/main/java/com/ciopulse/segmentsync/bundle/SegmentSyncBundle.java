package com.ciopulse.segmentsync.bundle;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Adds the bundle to a host's CamelContext: default settings, beans and routes, without any runner code.
 *
 * <pre>
 * CamelContext context = new DefaultCamelContext();
 * context.getPropertiesComponent().setLocation("classpath:my-app.properties"); // sync.* settings
 * SegmentSyncBundle.addTo(context);
 * context.start();
 * template.sendBody("direct:segment-sync", Map.of("system_id", "BU-1", "segment_code", "NZ", ...));
 * </pre>
 */
public final class SegmentSyncBundle {

    /** The bundle's routes inside the jar: pipeline, Segments API, status-code route, source templates. */
    public static final String ROUTES = "classpath:segment-sync/routes/*.camel.yaml";

    private SegmentSyncBundle() {
    }

    /** Adds defaults, beans and the bundle's routes from the jar. */
    public static SegmentSyncBeans addTo(CamelContext context) throws Exception {
        return addTo(context, ROUTES);
    }

    /** Adds defaults, beans and the routes matching {@code routesPattern} (e.g. {@code file:routes/*.camel.yaml}). */
    public static SegmentSyncBeans addTo(CamelContext context, String routesPattern) throws Exception {
        SegmentSyncBeans beans = new SegmentSyncBeans();
        beans.configure(context);
        Collection<Resource> routes = new ArrayList<>(
                PluginHelper.getPackageScanResourceResolver(context).findResources(routesPattern));
        // the runner's own routes (report endpoints) need its HTTP server; a host does not get them
        routes.removeIf(route -> route.getLocation().contains("/runner/"));
        if (routes.isEmpty()) {
            throw new IllegalStateException("No route files match " + routesPattern);
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(routes);
        return beans;
    }
}
