package com.ciopulse.segmentsync.testsupport;

import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.runner.SyncRunner;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The standalone runner running continuously in this JVM, as a user starts it from the project folder (the
 * shipped config/ and routes/), against a sandbox of the test, on a drop folder and data folder of the test,
 * with its management server on a free port. Settings go in as -D system properties, as an operator would.
 */
public final class RunningSync implements AutoCloseable {

    private final SyncRunner runner;
    private final CompletableFuture<Integer> exit;
    private final Map<String, String> properties;
    private final ByteArrayOutputStream output;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningSync(SyncRunner runner, CompletableFuture<Integer> exit, Map<String, String> properties,
                        ByteArrayOutputStream output, int managementPort) {
        this.runner = runner;
        this.exit = exit;
        this.properties = properties;
        this.output = output;
        this.managementPort = managementPort;
    }

    /** Starts the runner; {@code overrides} are further -D settings. */
    public static RunningSync start(SegmentsSandbox sandbox, Path drop, Path data, Map<String, String> overrides) {
        Map<String, String> properties = RunnerSettings.against(sandbox, drop);
        int port = Integer.parseInt(properties.get("camel.management.port"));
        properties.put("sync.segments-api.credential-probe-seconds", "1");
        properties.put("sync.segments-api.retry.initial-delay-ms", "10");
        properties.put("sync.state.data-dir", data.toString());
        properties.putAll(overrides);
        properties.forEach(System::setProperty);

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        SyncRunner runner = new SyncRunner(print, print);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run());
        RunningSync running = new RunningSync(runner, exit, properties, output, port);
        running.awaitManagementServer();
        return running;
    }

    public int managementPort() {
        return managementPort;
    }

    /** GET on the management server at 127.0.0.1. */
    public HttpResponse<String> get(String path) {
        return get(managementPort, path);
    }

    /** GET on the report endpoints (Camel's HTTP server) at 127.0.0.1. */
    public HttpResponse<String> getReport(String path) {
        return get(reportPort(), path);
    }

    public int reportPort() {
        return Integer.parseInt(properties.get("camel.server.port"));
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the runner printed (its report and fatal errors; the log goes to the test log). */
    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Stops it as SIGTERM would and returns its exit status. */
    public int stop() throws Exception {
        runner.stop();
        return exit.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!exit.isDone()) {
                stop();
            }
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private void awaitManagementServer() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (exit.isDone()) {
                throw new IllegalStateException("the runner ended at start (exit " + exit.join() + "): " + output());
            }
            try {
                get("/observe/health/live");
                return true;
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
