package com.ciopulse.segmentsync.source.rest;

import static com.ciopulse.segmentsync.source.rest.RestSourceTest.SOURCE;
import static com.ciopulse.segmentsync.source.rest.RestSourceTest.page;
import static com.ciopulse.segmentsync.source.rest.RestSourceTest.unit;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.StateStoreException;
import com.ciopulse.segmentsync.testsupport.CuttableStateStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST source while its state store (PostgreSQL behind a TCP proxy) is cut in the middle of a poll and stays
 * away for several polls: what an operator reads (one ERROR, a WARN per failed poll, one INFO when it is back),
 * that nothing is acknowledged meanwhile, and that every record arrives once it is back.
 */
class RestSourceStateStoreOutageTest {

    static final int UNITS = 200;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    WireMockServer api;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    @Test
    void anOutageInTheMiddleOfAPollIsLoggedOnceAcknowledgesNothingAndLosesNoRecord() throws Exception {
        Properties secret = new Properties();
        secret.setProperty("sync.rest." + SOURCE + ".secret", RestSourceTest.TOKEN);
        try (CuttableStateStore store = CuttableStateStore.start();
             SyncHarness sync = SyncHarness.start(tempDir, store.settings(secret))) {
            answerUnits(1);
            RestSourceTest.addSource(sync, api, Map.of("pagination", "none", "pageSizeParam", "-", "delay", "200"));
            await().atMost(WAIT).until(() -> checkpoint(sync).equals(Optional.of("instant " + at(1))));

            // a poll of many records, sent slowly, is cut off from the store half-way
            sync.sandbox.faults().latency(Duration.ofMillis(20));
            answerUnits(UNITS);
            await().atMost(WAIT).until(() -> sync.sandbox.requestCount() >= UNITS / 4);
            store.cut();

            await().atMost(WAIT).until(() -> store.outageLines().size() >= 2);
            int pageRequests = unitRequests();
            await().atMost(WAIT).until(() -> store.outageLines().size() >= 5);
            // the failed polls stop at the watermark's read: they ask the API for nothing and acknowledge nothing
            assertThat(unitRequests()).isEqualTo(pageRequests);
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains((double) at(1).getEpochSecond());

            store.letThrough();

            // (the test's own read of the watermark may meet the pool still reconnecting)
            await().atMost(WAIT).ignoreExceptionsInstanceOf(StateStoreException.class)
                    .until(() -> checkpoint(sync).equals(Optional.of("instant " + at(UNITS))));
            assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains((double) at(UNITS).getEpochSecond());
            assertThat(sync.sandbox.segments()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, UNITS)
                    .mapToObj(n -> SandboxSegment.active(Integer.toString(100 + n), "U" + n, "Unit " + n)).toList());
            store.assertOutageLoggedOnce(SOURCE);
        }
    }

    /** Every request for /units answers units 1 to {@code last}, unit n updated n seconds after T0. */
    void answerUnits(int last) {
        api.stubFor(get(urlPathEqualTo("/units")).willReturn(okJson(page("",
                IntStream.rangeClosed(1, last).mapToObj(n -> unit(n, at(n).toString())).toArray(String[]::new)))));
    }

    static Instant at(int unit) {
        return T0.plusSeconds(unit);
    }

    int unitRequests() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/units"))).size();
    }

    static Optional<String> checkpoint(SyncHarness sync) {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(SOURCE);
    }
}
