package com.ciopulse.segmentsync.source.salesforce;

import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.account;
import static com.ciopulse.segmentsync.source.salesforce.SalesforceQuerySourceTest.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.StateStoreException;
import com.ciopulse.segmentsync.testsupport.CuttableStateStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce query source while its state store (PostgreSQL behind a TCP proxy) is cut in the middle of a poll
 * and stays away for several polls: what an operator reads (one ERROR, a WARN per failed poll, one INFO when it is
 * back), that nothing is acknowledged and Salesforce is not asked meanwhile, and that every record arrives once it is
 * back.
 */
class SalesforceQueryStateStoreOutageTest {

    static final int ACCOUNTS = 200;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    void anOutageInTheMiddleOfAPollIsLoggedOnceAcknowledgesNothingAndLosesNoRecord() throws Exception {
        try (FakeSalesforce salesforce = FakeSalesforce.start();
             CuttableStateStore store = CuttableStateStore.start();
             SyncHarness sync = SyncHarness.start(tempDir, store.settings(SalesforceQuerySourceTest.secrets()))) {
            answerAccounts(salesforce, 1);
            SalesforceQuerySourceTest.addSource(sync, salesforce, Map.of("delay", "200"));
            await().atMost(WAIT).until(() -> checkpoint(sync).equals(Optional.of(T0.plusSeconds(1).toString())));

            // a poll of many records, sent slowly, is cut off from the store half-way
            sync.sandbox.faults().latency(Duration.ofMillis(20));
            answerAccounts(salesforce, ACCOUNTS);
            await().atMost(WAIT).until(() -> sync.sandbox.requestCount() >= ACCOUNTS / 4);
            store.cut();

            await().atMost(WAIT).until(() -> store.outageLines().size() >= 2);
            int queries = salesforce.queries().size();
            await().atMost(WAIT).until(() -> store.outageLines().size() >= 5);
            // the failed polls stop at the watermark's read: they ask Salesforce nothing and acknowledge nothing
            assertThat(salesforce.queries()).hasSize(queries);
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains((double) T0.plusSeconds(1).getEpochSecond());

            store.letThrough();

            // (the test's own read of the watermark may meet the pool still reconnecting)
            await().atMost(WAIT).ignoreExceptionsInstanceOf(StateStoreException.class)
                    .until(() -> checkpoint(sync).equals(Optional.of(T0.plusSeconds(ACCOUNTS).toString())));
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains((double) T0.plusSeconds(ACCOUNTS).getEpochSecond());
            assertThat(sync.sandbox.segments()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ACCOUNTS)
                    .mapToObj(n -> SandboxSegment.active("001U" + n, "N" + n, "Unit " + n)).toList());
            // the session outlived the outage: one login in all
            assertThat(salesforce.logins()).hasSize(1);
            store.assertOutageLoggedOnce(SOURCE);
        }
    }

    /** Every queryAll answers accounts 1 to {@code last}, account n with a SystemModstamp n seconds after T0. */
    static void answerAccounts(FakeSalesforce salesforce, int last) {
        salesforce.answerQueries(IntStream.rangeClosed(1, last)
                .mapToObj(n -> account("001U" + n, "N" + n, "Unit " + n, n, false)).toArray(String[]::new));
    }

    static Optional<String> checkpoint(SyncHarness sync) {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(SOURCE);
    }
}
