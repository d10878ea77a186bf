package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.testsupport.ImmutableFile;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default state store, the embedded H2 file, stops taking writes in the middle of a file (the file made
 * immutable, as a full or failing disk would), then takes them again, while the sync keeps running.
 *
 * <p>H2 closes the database at its first failed write, for good: every connection still open then fails with "The
 * database has been closed". What the sync must do: as for a PostgreSQL outage, the batch fails, the file is
 * rolled back and nothing is acknowledged; readiness is down; each later poll fails at its first write. Once the
 * file takes writes, the pool's connections are replaced, the database opens again, and the file is read again and
 * acknowledged with every record synced, within a minute and without a restart.
 */
@FaultSuite
class H2WriteFailureFaultTest {

    static final Duration RECOVERS_WITHIN = Duration.ofMinutes(1);

    @TempDir
    Path work;

    @Test
    void theH2FileRefusingWritesHaltsTheSourceWithoutAcknowledgingAndTheSyncRecoversWithoutARestart() throws Exception {
        Path data = work.resolve("data");
        try (FaultRun run = FaultRun.in(work);
             LogCapture fileConsumer = LogCapture.of(GenericFileOnCompletion.class);
             LogCapture outage = LogCapture.of(StateStoreOutage.class);
             LogCapture pool = LogCapture.of("com.zaxxer.hikari");
             SyncHarness sync = SyncHarness.start(data, FaultSettings.harness(Map.of(
                     "sync.state.health-timeout-ms", "500",
                     // each poll gives up quickly on a store that cannot be opened
                     "sync.state.connection-timeout-ms", "1000")), run.sandbox);
             ImmutableFile file = ImmutableFile.of(data.resolve(StateStoreSettings.H2_DATABASE_NAME + ".mv.db"))) {
            run.drop.addSource(sync.context, "file-drop");
            run.dropFile();
            run.awaitCalls(1000);

            file.makeImmutable();

            await().atMost(Duration.ofSeconds(20)).until(() -> stateStoreReadiness(sync).getState()
                    == HealthCheck.State.DOWN);
            await().atMost(Duration.ofSeconds(30)).until(() -> fileConsumer.lines().stream()
                    .anyMatch(line -> line.contains("Rollback file strategy")));
            long putsWhileDown = run.awaitNoMorePuts(Duration.ofSeconds(2));
            // H2 closed the database: the polls after the rollback keep failing, as the issue saw them
            await().atMost(Duration.ofSeconds(60)).until(() -> outage.lines().stream()
                    .filter(line -> line.contains("poll failed, the state store still does not answer")).count() >= 2);
            run.assertNothingAcknowledged();
            assertThat(run.puts()).as("no PUT while the store refuses writes").isEqualTo(putsWhileDown);
            assertThat(stateStoreReadiness(sync).getState()).as("readiness all along").isEqualTo(HealthCheck.State.DOWN);

            file.makeWritable();
            long writable = System.nanoTime();

            await().atMost(RECOVERS_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> !run.drop.done().isEmpty());
            Duration recovered = Duration.ofNanos(System.nanoTime() - writable);
            run.awaitAcknowledged();
            assertThat(stateStoreReadiness(sync).getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(pool.lines()).as("H2 had closed the database, and the pool replaced its connections")
                    .anyMatch(line -> line.contains("SQLSTATE(90098)"));
            assertThat(outage.lines()).anyMatch(line -> line.startsWith("INFO The state store answers again after"));
            FaultRow row = run.account("H2 write failure (continuous)", "H2's file immutable at call 1,000 ("
                    + FaultRow.count(putsWhileDown) + " PUTs by then), writable again after 2 more failed polls"
                    + " (connection timeout 1 s); acknowledged " + seconds(recovered) + " after",
                    sync.beans.deadLetterStore().list(false));
            run.recover(row, Map.of("sync.state.data-dir", data.toString()),
                    () -> sync.beans.deadLetterStore().countOpen());
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Asked directly: Camel's readiness answer lists a check only while it is down. */
    private static HealthCheck.Result stateStoreReadiness(SyncHarness sync) {
        return HealthCheckRegistry.get(sync.context).getCheck("segment-sync-state-store").orElseThrow().call();
    }
}
