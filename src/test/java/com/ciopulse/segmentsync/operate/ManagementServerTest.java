package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.RunningSync;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's management server as an operator and a monitor use it, with the shipped configuration: health
 * and metrics over HTTP, on loopback only.
 */
class ManagementServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path drop;
    @TempDir
    Path data;
    SegmentsSandbox sandbox;
    RunningSync sync;

    @BeforeEach
    void start() {
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        sync = RunningSync.start(sandbox, drop, data, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            sync.close();
        } finally {
            sandbox.close();
        }
    }

    @Test
    void readinessIsDownWithTheReasonWhileHaltedOnA401AndUpAgainAfterRecovery() throws Exception {
        await().atMost(WAIT).until(() -> sync.get("/observe/health/ready").statusCode() == 200);
        assertThat(sync.get("/observe/health/ready").body())
                .contains("\"name\":\"segment-sync-sources\",\"status\":\"UP\"")
                .contains("\"name\":\"segment-sync-state-store\",\"status\":\"UP\"");

        sandbox.faults().rejectCredentials(true);
        new DropFolder(drop).write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Australia\n");

        await().atMost(WAIT).until(() -> sync.get("/observe/health/ready").statusCode() == 503);
        assertThat(sync.get("/observe/health/ready").body())
                .contains("\"status\":\"DOWN\"")
                .contains("sources suspended: Segments API refused the credentials (401)");
        assertThat(sync.get("/observe/health/live").statusCode()).as("a halt is not a reason to restart").isEqualTo(200);

        sandbox.faults().rejectCredentials(false);
        await().atMost(WAIT).until(() -> sync.get("/observe/health/ready").statusCode() == 200);
        await().atMost(WAIT).until(() -> new DropFolder(drop).done().size() == 1);
    }

    @Test
    void metricsShowTheRecordsApiCallsRetriesDeadLettersAndLastSuccessAfterARun() throws Exception {
        sandbox.faults().failNext(1, 503);
        new DropFolder(drop).write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZL,New Zealand
                BU-3,AUS,Australia again
                """);
        await().atMost(WAIT).until(() -> new DropFolder(drop).done().size() == 1);

        HttpResponse<String> metrics = sync.get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("segment_sync_records_total{outcome=\"created\",source=\"file-drop\"} 2.0")
                .contains("segment_sync_records_total{outcome=\"conflict\",source=\"file-drop\"} 1.0")
                .contains("segment_sync_dead_letters_total{outcome=\"conflict\",source=\"file-drop\"} 1.0")
                .contains("segment_sync_api_retries_total{camelContext=\"ciopulse-segment-sync\",status=\"503\"} 1.0")
                .containsPattern("segment_sync_api_requests_seconds_count\\{[^}]*method=\"PUT\",status=\"201\"} 2")
                .containsPattern("segment_sync_api_requests_seconds_bucket\\{[^}]*method=\"PUT\",status=\"201\",le=\"0.5\"}")
                .containsPattern("segment_sync_source_last_success_timestamp_seconds\\{source=\"file-drop\"} 1\\.\\d+E9")
                .contains("segment_sync_source_running{source=\"file-drop\"} 1.0")
                // Camel's own route metrics come along for the routes that run once per file, not once per record
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"file-drop\"[^}]*} 1\\.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"file-drop-chunk\"[^}]*} 1\\.0")
                .doesNotContainPattern("routeId=\"(segment-sync|segment-send|segment-outcome|segments-api-[a-z]+)\"")
                .doesNotContain("camel_exchange_event_notifier");
    }

    @Test
    void camelsRouteMetersOnEveryRouteWhenAskedForAndEachExchangeCountedOnce() throws Exception {
        sync.close();
        sync = RunningSync.start(sandbox, drop, data, Map.of("camel.metrics.enable-route-policy", "true"));
        new DropFolder(drop).write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Australia\nBU-2,NZL,New Zealand\n");
        await().atMost(WAIT).until(() -> new DropFolder(drop).done().size() == 1);

        assertThat(sync.get("/observe/metrics").body())
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"segment-sync\"[^}]*} 2\\.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"segments-api-call\"[^}]*} 2\\.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"file-drop\"[^}]*} 1\\.0");
    }

    @Test
    void theReportEndpointsServeTheRunHistoryAndPlansAsJsonReadOnly() throws Exception {
        new DropFolder(drop).write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Australia\nBU-2,AUS,Again\n");
        await().atMost(WAIT).until(() -> new DropFolder(drop).done().size() == 1);

        HttpResponse<String> runs = sync.getReport("/sync/runs?limit=5");
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(runs.body()).contains("\"source\":\"file-drop\"").contains("\"mode\":\"changes\"")
                .contains("\"counts\":{\"conflict\":1,\"created\":1}").contains("\"deadLetters\":1");
        assertThat(sync.getReport("/sync/plans").body()).isEqualTo("{\"plans\":{}}");
        HttpResponse<String> post = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + sync.reportPort() + "/sync/runs"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theServerListensOnLoopbackOnlyAndServesNothingButHealthAndMetrics() throws Exception {
        await().atMost(WAIT).until(() -> sync.get("/observe/health").statusCode() == 200);
        assertThat(sync.get("/observe/metrics").statusCode()).isEqualTo(200);
        // the whole 127/8 is loopback: a server bound to 0.0.0.0 would answer on 127.0.0.2 too
        assertThatThrownBy(() -> connect(InetAddress.getByName("127.0.0.2"))).isInstanceOf(IOException.class);
        for (InetAddress address : nonLoopbackAddresses()) {
            assertThatThrownBy(() -> connect(address)).as(address.toString()).isInstanceOf(IOException.class);
        }
        for (String path : List.of("/observe/info", "/observe/send", "/observe/upload", "/observe/jolokia", "/q/dev")) {
            assertThat(sync.get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    private void connect(InetAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, sync.managementPort()), 2000);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
    }
}
