package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.control.ReadinessCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Readiness of the state store: down while no connection can be had ({@code state store unreachable}) or the
 * store does not take a write ({@code state store cannot write}), with the driver's reason. Dead letters and sync
 * state cannot be written then, so nothing should be acknowledged either.
 *
 * <p>The probe writes: it rewrites the one row of {@code store_heartbeat}. A read is not enough: an H2 database
 * that closed itself after a failed write, or a file H2 opened read-only, still hands out connections that
 * validate. The probe runs on its own thread with a time limit, so a health request never waits for the pool's
 * connection timeout; a probe still hanging is reused, not repeated, and while it hangs the message adds what the
 * probe before it found.
 */
public class StateStoreReadinessCheck extends ReadinessCheck {

    private static final String WRITE_HEARTBEAT = "UPDATE store_heartbeat SET written_at = CURRENT_TIMESTAMP WHERE id = 1";
    // the schema creates the row at every start; this puts it back should someone have deleted it since
    private static final String INSERT_HEARTBEAT = "INSERT INTO store_heartbeat (id, written_at)"
            + " SELECT 1, CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM store_heartbeat WHERE id = 1)";

    private final DataSource dataSource;
    private final String description;
    private final ExecutorService probeThread;
    private final Duration timeout;
    private CompletableFuture<Void> probe; // guarded by this
    private volatile String lastFailure;

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
            String before = lastFailure;
            down(builder, "state store unreachable", "no answer within " + timeout.toMillis() + " ms"
                    + (before == null ? "" : " (the probe before: " + before + ")"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProbeFailure failure) {
                down(builder, failure.what, failure.reason);
            } else {
                down(builder, "state store unreachable", String.valueOf(e.getCause()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            down(builder, "state store unreachable", "interrupted");
        }
    }

    private synchronized CompletableFuture<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.runAsync(this::writeHeartbeat, probeThread);
        }
        return probe;
    }

    private void writeHeartbeat() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw failed("state store unreachable", e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            if (statement.executeUpdate(WRITE_HEARTBEAT) == 0) {
                statement.executeUpdate(INSERT_HEARTBEAT);
            }
        } catch (SQLException e) {
            // SQL state class 08: the connection broke (the database stopped, the network cut), not the write
            boolean connectionLost = e.getSQLState() != null && e.getSQLState().startsWith("08");
            throw failed(connectionLost ? "state store unreachable" : "state store cannot write", e);
        } catch (RuntimeException e) {
            throw failed("state store cannot write", e);
        }
        lastFailure = null;
    }

    private ProbeFailure failed(String what, Exception error) {
        // HikariCP's "connection is not available" keeps the driver's own reason as its cause
        String reason = String.valueOf(error.getMessage()).strip();
        if (error.getCause() != null && error.getCause().getMessage() != null) {
            reason += ": " + error.getCause().getMessage().strip();
        }
        lastFailure = what + ": " + reason;
        return new ProbeFailure(what, reason);
    }

    private static void down(HealthCheckResultBuilder builder, String what, String reason) {
        down(builder, what + ": " + reason, "state.store.reason", reason);
    }

    /** How a probe failed: at the connection or at the write, and the reason. */
    private static final class ProbeFailure extends RuntimeException {
        final String what;
        final String reason;

        ProbeFailure(String what, String reason) {
            super(what + ": " + reason, null, false, false);
            this.what = what;
            this.reason = reason;
        }
    }
}
