package com.ciopulse.segmentsync.control;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the sync: down while the sources are suspended (credentials refused, circuit open), with the
 * reasons in the details, so an orchestrator or a monitor sees why nothing is being synced.
 */
public class SourcesReadinessCheck extends ReadinessCheck {

    private final SourceControl sources;

    public SourcesReadinessCheck(SourceControl sources) {
        super("segment-sync-sources");
        this.sources = sources;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        var reasons = sources.suspendReasons();
        if (reasons.isEmpty()) {
            builder.up();
        } else {
            String why = String.join("; ", reasons);
            down(builder, "sources suspended: " + why, "suspended.reasons", why);
        }
    }
}
