package com.ciopulse.segmentsync.control;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the sync: down while the sources are suspended (credentials refused, circuit open), with the
 * reasons in the details, so an orchestrator or a monitor sees why nothing is being synced.
 */
public class SourcesReadinessCheck extends AbstractHealthCheck {

    private final SourceControl sources;

    public SourcesReadinessCheck(SourceControl sources) {
        super("segment-sync", "segment-sync-sources");
        this.sources = sources;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        var reasons = sources.suspendReasons();
        if (reasons.isEmpty()) {
            builder.up();
        } else {
            builder.message("sources suspended: " + String.join("; ", reasons));
            builder.detail("suspended.reasons", String.join("; ", reasons));
            builder.down();
        }
    }
}
