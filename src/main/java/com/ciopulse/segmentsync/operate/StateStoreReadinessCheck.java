package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.control.ReadinessCheck;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the state store: down while no connection can be had or the database does not answer a
 * validation query in time, with the driver's reason. Dead letters and sync state cannot be written then, so
 * nothing should be acknowledged either. The probe runs on its own thread with a time limit, so a health
 * request never waits for the pool's connection timeout; a probe still hanging is reused, not repeated.
 */
public class StateStoreReadinessCheck extends ReadinessCheck {

    private final DataSource dataSource;
    private final String description;
    private final ExecutorService probeThread;
    private final Duration timeout;
    private CompletableFuture<Void> probe; // guarded by this

    public StateStoreReadinessCheck(DataSource dataSource, String description, ExecutorService probeThread,
                                    Duration timeout) {
        super("segment-sync-state-store");
        this.dataSource = dataSource;
        this.description = description;
        this.probeThread = probeThread;
        this.timeout = timeout;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("state.store", description);
        try {
            currentProbe().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            unreachable(builder, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            unreachable(builder, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable(builder, "interrupted");
        }
    }

    private synchronized CompletableFuture<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.runAsync(this::validate, probeThread);
        }
        return probe;
    }

    private void validate() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new IllegalStateException("the database did not validate the connection");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void unreachable(HealthCheckResultBuilder builder, String reason) {
        down(builder, "state store unreachable: " + reason, "state.store.reason", reason);
    }
}
