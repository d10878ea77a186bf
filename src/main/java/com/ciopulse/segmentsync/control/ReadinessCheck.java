package com.ciopulse.segmentsync.control;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of the sync (group {@code segment-sync}): never a liveness check, since waiting out a halt
 * or an outage is no reason to restart; when down it says why, in the message and in a detail.
 */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String id) {
        super("segment-sync", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    protected static void down(HealthCheckResultBuilder builder, String message, String detailKey, String reason) {
        builder.message(message);
        builder.detail(detailKey, reason);
        builder.down();
    }
}
