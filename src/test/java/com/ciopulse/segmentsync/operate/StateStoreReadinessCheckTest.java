package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.testsupport.ImmutableFile;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Readiness is down while the state store cannot be reached or cannot write, with the reason, and never waits long
 * for it.
 */
class StateStoreReadinessCheckTest {

    @TempDir
    Path dataDir;
    final ExecutorService probeThread = Executors.newSingleThreadExecutor();
    final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        probeThread.shutdownNow();
        context.close();
    }

    @Test
    void upWithTheDatabaseNamedWhileTheStoreAnswers() {
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir))) {
            HealthCheck.Result result = check(store.dataSource(), store.describe(), Duration.ofSeconds(2)).call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getDetails()).containsEntry("state.store", store.describe());
        }
    }

    @Test
    void downWithTheReasonWhenNoConnectionCanBeHad() {
        StateStore store = StateStore.open(StateStoreSettings.h2FileIn(dataDir));
        store.close();

        HealthCheck.Result result = check(store.dataSource(), store.describe(), Duration.ofSeconds(2)).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("state store unreachable: ").contains("closed"));
        assertThat(result.getDetails()).containsKey("state.store.reason");
    }

    @Test
    void downWhileTheH2FileTakesNoWriteThenUpOnceItDoesAgainWithoutARestart() {
        StateStoreSettings settings = StateStoreSettings.h2FileIn(dataDir).withConnectionTimeout(Duration.ofSeconds(1));
        try (StateStore store = StateStore.open(settings);
             ImmutableFile file = ImmutableFile.of(dataDir.resolve(StateStoreSettings.H2_DATABASE_NAME + ".mv.db"))) {
            StateStoreReadinessCheck check = check(store.dataSource(), store.describe(), Duration.ofSeconds(2));
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            file.makeImmutable();

            // the probe's write fails and H2 closes the database; the connections left in the pool still validate
            HealthCheck.Result failedWrite = check.call();
            assertThat(failedWrite.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(failedWrite.getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("state store cannot write: "));
            HealthCheck.Result closed = check.call();
            assertThat(closed.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(closed.getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("state store ").contains("The database has been closed"));

            file.makeWritable();

            await().atMost(Duration.ofSeconds(20)).until(() -> check.call().getState() == HealthCheck.State.UP);
        }
    }

    @Test
    void downWhenPostgreSqlAnswersButTakesNoWrite() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.createFreshSchema();
             StateStore store = StateStore.open(new StateStoreSettings(database.jdbcUrl(), database.user(),
                     database.password(), 1))) {
            assertThat(check(store.dataSource(), store.describe(), Duration.ofSeconds(2)).call().getState())
                    .isEqualTo(HealthCheck.State.UP);
            // as a server in recovery (a standby after a failover) does: every read answered, every write refused
            PGSimpleDataSource readOnly = new PGSimpleDataSource();
            readOnly.setURL(database.jdbcUrl());
            readOnly.setUser(database.user());
            readOnly.setPassword(database.password());
            readOnly.setOptions("-c default_transaction_read_only=on");

            HealthCheck.Result result = check(readOnly, "read-only", Duration.ofSeconds(2)).call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("state store cannot write: ").contains("read-only transaction"));
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIsDownAfterTheTimeoutAndIsNotProbedTwiceAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        int[] connectionsAsked = {0};
        DataSource hanging = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    connectionsAsked[0]++;
                    release.await();
                    throw new java.sql.SQLException("released");
                });
        StateStoreReadinessCheck check = check(hanging, "a database that hangs", Duration.ofMillis(300));

        long started = System.nanoTime();
        HealthCheck.Result first = check.call();
        HealthCheck.Result second = check.call();
        release.countDown();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(first.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(first.getMessage()).hasValue("state store unreachable: no answer within 300 ms");
        assertThat(second.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(connectionsAsked[0]).isEqualTo(1);
    }

    private StateStoreReadinessCheck check(DataSource dataSource, String description, Duration timeout) {
        StateStoreReadinessCheck check = new StateStoreReadinessCheck(dataSource, description, probeThread, timeout);
        check.setCamelContext(context);
        return check;
    }
}
