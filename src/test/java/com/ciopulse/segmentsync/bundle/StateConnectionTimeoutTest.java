package com.ciopulse.segmentsync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync.state.connection-timeout-ms}: how long the state store's reads and writes wait for a connection. */
class StateConnectionTimeoutTest {

    @TempDir
    Path dataDir;

    @Test
    void theStoreWaitsTenSecondsForAConnectionByDefault() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            assertThat(pool(sync).getConnectionTimeout()).isEqualTo(10_000);
        }
    }

    /** Every connection of the pool held elsewhere: a record's state lookup gives up after the configured wait. */
    @Test
    void aRecordGivesUpWaitingForAConnectionAfterTheConfiguredTimeout() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.state.connection-timeout-ms", "500");
        try (SyncHarness sync = SyncHarness.start(dataDir, settings)) {
            HikariDataSource pool = pool(sync);
            assertThat(pool.getConnectionTimeout()).isEqualTo(500);
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                    held.add(pool.getConnection());
                }

                CompletableFuture<Exchange> sent = CompletableFuture.supplyAsync(() ->
                        sync.send(SyncHarness.upsert("BU-1", "AUS", "Australia", "y")));

                // far below the 10 s default
                await().atMost(Duration.ofSeconds(5)).until(sent::isDone);
                assertThat(sent.get().getException()).isNotNull();
                assertThat(sync.sandbox.segments()).isEmpty();
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    private static HikariDataSource pool(SyncHarness sync) {
        StateStore store = sync.context.getRegistry().lookupByNameAndType("stateStore", StateStore.class);
        return (HikariDataSource) store.dataSource();
    }
}
