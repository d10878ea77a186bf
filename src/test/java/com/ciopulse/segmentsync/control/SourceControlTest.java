package com.ciopulse.segmentsync.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.camel.ServiceStatus;
import org.apache.camel.processor.errorhandler.DefaultErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suspending and stopping the sources while a long file is in flight: whatever halts them, the file's exchange ends
 * at once (no further record is read, the records in flight finish), well before the 30 s suspend timeout; the file
 * stays in the drop folder, and once the sources run again the sandbox holds exactly the file's segments.
 */
class SourceControlTest {

    static final int RECORDS = 1000;
    /** Far below the 30 s the bundle's SourceControl would wait for a file in flight before forcing its route down. */
    static final Duration PROMPT = Duration.ofSeconds(8);

    @TempDir
    Path dataDir;
    @TempDir
    Path dropDir;
    LogCapture camelErrors;
    LogCapture sourceControlLog;

    @BeforeEach
    void captureLogs() {
        camelErrors = LogCapture.of(DefaultErrorHandler.class);
        sourceControlLog = LogCapture.of(SourceControl.class);
    }

    @AfterEach
    void stopCapture() {
        camelErrors.close();
        sourceControlLog.close();
    }

    @Test
    void anOpeningCircuitSuspendsTheSourceMidFileAtOnceAndTheFileIsReadAgainAfterTheWait() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.circuit-breaker.window", "4");
        settings.setProperty("sync.segments-api.circuit-breaker.failure-rate-percent", "100");
        settings.setProperty("sync.segments-api.circuit-breaker.open-seconds", "4");
        // at most 4 calls at once: with more, the answers of calls sent before the burst land between its 503s, and
        // the window of 4 never holds failures alone
        settings.setProperty("sync.segments-api.max-in-flight", "4");
        // a burst of 503s opens the circuit; the records that met them succeed on a retry
        haltMidFileThenResume(settings, sync -> sync.sandbox.faults().failNext(6, 503), sync -> { });
    }

    @Test
    void refusedCredentialsSuspendTheSourceMidFileAtOnceAndTheFileIsReadAgainAfterTheProbe() throws Exception {
        haltMidFileThenResume(new Properties(), sync -> sync.sandbox.faults().rejectCredentials(true),
                sync -> sync.sandbox.faults().rejectCredentials(false));
    }

    /**
     * A leader that loses its leadership has its source routes stopped by Camel's ClusteredRoutePolicy (a stopRoute
     * with the context's shutdown timeout): the file in flight must not hold the stop, nor be acknowledged.
     */
    @Test
    void aSourceStoppedMidFileAsOnALostLeadershipStopsAtOnceAndTheNewStartReadsTheFileAgain() throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            DropFolder drop = dropLongFile(sync);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    sync.context.getRouteController().stopRoute("file-drop");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(PROMPT).until(stopping::isDone);
            assertThat(sync.context.getRouteController().getRouteStatus("file-drop")).isEqualTo(ServiceStatus.Stopped);
            assertUnacknowledged(sync, drop);

            sync.context.getRouteController().startRoute("file-drop");

            assertTheFileArrivesWhole(sync, drop);
        }
    }

    /**
     * A record that cannot finish (the API hangs) holds the suspension until its timeout: Camel then forces the route
     * down and the file ends unacknowledged. Resuming must bring the source back to polling, not leave a route that
     * says Started and never reads again (it did: the file waited forever).
     */
    @Test
    void aSuspensionThatTimedOutOnAFileInFlightStillResumesTheSource() throws Exception {
        ExecutorService controlThread = Executors.newSingleThreadExecutor();
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            DropFolder drop = dropLongFile(sync);
            SourceControl sources = new SourceControl(sync.context, controlThread, 300);
            sync.sandbox.faults().hangNext(1);

            sources.suspend("circuit open");

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sync.context.getRouteController().getRouteStatus("file-drop") == ServiceStatus.Suspended);
            assertThat(sync.context.getRoute("file-drop").getProperties()).containsEntry(SourceControl.FORCED_SHUTDOWN, true);
            assertUnacknowledged(sync, drop);

            sources.resume("circuit open");

            assertTheFileArrivesWhole(sync, drop);
        } finally {
            controlThread.shutdownNow();
        }
    }

    /**
     * Halts the sync with {@code halt} in the middle of a long file, checks that the bundle's own SourceControl
     * suspends the source promptly without acknowledging the file, then lifts the cause with {@code lift}.
     */
    private void haltMidFileThenResume(Properties settings, Consumer<SyncHarness> halt, Consumer<SyncHarness> lift)
            throws Exception {
        try (SyncHarness sync = SyncHarness.start(dataDir, settings)) {
            SourceControl sources = sync.context.getRegistry()
                    .lookupByNameAndType("sourceControl", SourceControl.class);
            DropFolder drop = dropLongFile(sync);

            halt.accept(sync);

            await().atMost(Duration.ofSeconds(20)).until(sources::suspended);
            // read from the log rather than caught by polling the route status: an open circuit resumes the source
            // after its wait, which under load may come right after the suspension ended
            await().atMost(PROMPT).until(() -> sourceControlLog.lines().stream()
                    .anyMatch(line -> line.startsWith("WARN Source route 'file-drop' suspended: ")));
            assertThat(sourceControlLog.lines()).as("suspended gracefully, not forced down after the timeout")
                    .noneMatch(line -> line.contains("forced down"));
            assertUnacknowledged(sync, drop);

            lift.accept(sync);

            assertTheFileArrivesWhole(sync, drop);
        }
    }

    /** A file-drop source in the middle of a file of {@value #RECORDS} records, sent slowly. */
    private DropFolder dropLongFile(SyncHarness sync) throws Exception {
        DropFolder drop = new DropFolder(dropDir);
        sync.sandbox.faults().latency(Duration.ofMillis(40));
        drop.addSource(sync.context, "file-drop");
        drop.write("units.csv", csv());
        await().atMost(Duration.ofSeconds(20)).until(() -> sync.sandbox.requestCount() >= 20);
        return drop;
    }

    private void assertUnacknowledged(SyncHarness sync, DropFolder drop) {
        assertThat(drop.done()).as("the file in flight was not acknowledged").isEmpty();
        assertThat(Files.exists(dropDir.resolve("units.csv"))).as("the file stays for the next poll").isTrue();
        assertThat(sync.sandbox.segments()).hasSizeLessThan(RECORDS);
        assertThat(camelErrors.lines()).as("an expected end of the batch, logged without a stack trace").isEmpty();
    }

    private static void assertTheFileArrivesWhole(SyncHarness sync, DropFolder drop) {
        sync.sandbox.faults().latency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(60)).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrderElementsOf(segments());
        assertThat(drop.resultOf(drop.done().get(0)).get("records").asInt()).isEqualTo(RECORDS);
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                .append(",Unit ").append(i).append('\n'));
        return csv.toString();
    }

    private static List<SandboxSegment> segments() {
        return IntStream.rangeClosed(1, RECORDS).mapToObj(i -> SandboxSegment.active("BU-" + i, "C" + i, "Unit " + i))
                .toList();
    }
}
