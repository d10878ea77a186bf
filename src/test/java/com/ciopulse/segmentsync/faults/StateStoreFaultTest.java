package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.ciopulse.segmentsync.testsupport.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state store (PostgreSQL, as for several instances) becomes unreachable in the middle of a file: a TCP proxy in
 * front of it cuts every connection and refuses new ones, then accepts them again.
 *
 * <p>What the sync must do, and does: a record whose outcome cannot be stored (its dead letter, the read of its state,
 * or the commit of its accepted state, which the batch waits for before it answers) fails the batch, no
 * further record is read and the file is not acknowledged (it stays in the drop folder); readiness is down, naming
 * the state store. Each later poll fails at its first write to the store (within the pool's connection timeout)
 * and sends nothing. Once the store answers, the file is read again from the top: what was stored as accepted ends
 * unchanged without a call, the rest is sent again (PUT is idempotent).
 */
@FaultSuite
class StateStoreFaultTest {

    @TempDir
    Path work;

    @Test
    void theStateStoreBecomingUnreachableHaltsTheSourceWithoutAcknowledgingAndTheSyncRecovers() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl());
             FaultRun run = FaultRun.in(work);
             LogCapture fileConsumer = LogCapture.of(GenericFileOnCompletion.class);
             SyncHarness sync = SyncHarness.start(work.resolve("data"), FaultSettings.harness(Map.of(
                     "sync.state.jdbc-url", proxy.jdbcUrlThrough(database.jdbcUrl()),
                     "sync.state.user", database.user(),
                     "sync.state.health-timeout-ms", "500")), run.sandbox)) {
            run.drop.addSource(sync.context, "file-drop");
            run.dropFile();
            run.awaitCalls(1000);

            proxy.takeDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> stateStoreReadiness(sync).getState()
                    == HealthCheck.State.DOWN);
            assertThat(stateStoreReadiness(sync).getMessage()).hasValueSatisfying(message ->
                    assertThat(message).startsWith("state store unreachable"));
            // halted: the records in flight end without an outcome, the file is rolled back, nothing more goes out
            await().atMost(Duration.ofSeconds(30)).until(() -> fileConsumer.lines().stream()
                    .anyMatch(line -> line.contains("Rollback file strategy")));
            long putsWhileDown = run.awaitNoMorePuts(Duration.ofSeconds(2));
            run.assertNothingAcknowledged();

            proxy.bringBack();

            run.awaitAcknowledged();
            FaultRow row = run.account("state store unreachable", "PostgreSQL cut at call 1,000 ("
                    + FaultRow.count(putsWhileDown) + " PUTs by then) and back once the file was rolled back",
                    sync.beans.deadLetterStore().list(false));
            run.recover(row, Map.of("sync.state.jdbc-url", database.jdbcUrl(), "sync.state.user", database.user()),
                    () -> sync.beans.deadLetterStore().countOpen());
        }
    }

    private static HealthCheck.Result stateStoreReadiness(SyncHarness sync) {
        return HealthCheckHelper.invokeReadiness(sync.context).stream()
                .filter(result -> result.getCheck().getId().equals("segment-sync-state-store"))
                .findFirst()
                .orElseThrow();
    }
}
