package com.ciopulse.segmentsync.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * The runner's line about its HTTP servers: where each one is bound (host and the port it got) and what it serves.
 * Camel's own endpoint summary prints {@code http://0.0.0.0:PORT} whatever the server is bound to, so the runner's
 * logging leaves that summary out and says this instead.
 */
final class HttpServerAddresses {

    private HttpServerAddresses() {
    }

    /** {@code Reports on http://127.0.0.1:9877 (/sync/plans, /sync/runs); health and metrics on ...}; null: none runs. */
    static String describe(CamelContext context) {
        if (!(context.hasComponent("platform-http") instanceof PlatformHttpComponent http)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            addServer(parts, "Reports", server.getRouter(), http.getHttpEndpoints());
        }
        for (ManagementHttpServer server : context.hasServices(ManagementHttpServer.class)) {
            addServer(parts, parts.isEmpty() ? "Health and metrics" : "health and metrics", server.getRouter(),
                    http.getHttpManagementEndpoints());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static void addServer(List<String> parts, String what, VertxPlatformHttpRouter router,
                                  Set<HttpEndpointModel> endpoints) {
        if (router == null || router.getServer() == null || endpoints.isEmpty()) {
            return;
        }
        VertxPlatformHttpServer server = router.getServer();
        TreeSet<String> paths = new TreeSet<>();
        endpoints.forEach(endpoint -> paths.add(endpoint.getUri()));
        parts.add(what + " on http://" + server.getHost() + ":" + server.getPort() + " (" + String.join(", ", paths)
                + ")");
    }
}
