package com.ciopulse.segmentsync.source.salesforce;

import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of a subscribing Salesforce source (salesforce-cdc-source): a local Pub/Sub API for the class, a local
 * Salesforce (WireMock) and a running sync for each test, and the source's replay id in the state store.
 */
abstract class LocalPubSubTest extends LocalSalesforceTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path certificates;
    static FakePubSub pubSub;

    @TempDir
    Path tempDir;

    private final String source;

    LocalPubSubTest(String source) {
        this.source = source;
    }

    @BeforeAll
    static void startPubSub() throws Exception {
        pubSub = FakePubSub.start(certificates);
    }

    @AfterAll
    static void stopPubSub() throws Exception {
        pubSub.close();
    }

    @BeforeEach
    void start() throws Exception {
        pubSub.reset();
        salesforce = FakeSalesforce.start();
        sync = startSync(SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY));
    }

    SyncHarness startSync(SegmentsSandbox sandbox) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.salesforce." + source + ".client-secret", "client-secret-of-the-test");
        settings.setProperty("sync.salesforce." + source + ".password", "password-of-the-test");
        return SyncHarness.start(tempDir, settings, sandbox);
    }

    /** The source on the local Salesforce and Pub/Sub API, handing over every 100 ms; add the mapping. */
    TemplatedRouteBuilder source() {
        return TemplatedRouteBuilder.builder(sync.context, "salesforce-cdc-source").routeId(source)
                .parameter("loginUrl", salesforce.loginUrl())
                .parameter("clientId", "3MVG9-test-client")
                .parameter("userName", "integration@example.com")
                .parameter("pubSubHost", "localhost")
                .parameter("pubSubPort", String.valueOf(pubSub.port()))
                .parameter("reconnectDelay", "100")
                .parameter("delay", "100")
                .parameter("catchUpDelay", "200");
    }

    CheckpointStore checkpoints() {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class);
    }

    void awaitCheckpoint(String replayId) {
        await().atMost(WAIT).until(() -> checkpoints().find(source).equals(Optional.of(replayId)));
    }

    void awaitSubscriptions(int count) {
        await().atMost(WAIT).until(() -> pubSub.subscriptions().size() >= count && pubSub.openStreams() > 0);
    }

    double resyncs(String reason) {
        MeterRegistry registry = sync.context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class).registry();
        Counter counter = registry.find(SyncMetrics.RESYNCS).tags("source", source, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A request to the sandbox as {@code PUT <system id> <body>}. */
    static String call(RecordedRequest request) {
        return request.method() + " " + request.rawPath().substring(request.rawPath().lastIndexOf('/') + 1) + " " + request.body();
    }
}
