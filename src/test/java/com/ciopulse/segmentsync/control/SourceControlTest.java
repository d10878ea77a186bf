package com.ciopulse.segmentsync.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suspending and resuming the sources while a file is in flight. */
class SourceControlTest {

    static final int RECORDS = 300;

    @TempDir
    Path dataDir;
    @TempDir
    Path dropDir;

    /**
     * The circuit opens while a long file is being sent: the suspension waits for the file only up to its timeout,
     * then Camel forces the route down and the file ends unacknowledged. Resuming must bring the source back to
     * polling, not leave a route that says Started and never reads again (it did: the file waited forever).
     */
    @Test
    void aSuspensionThatTimedOutOnAFileInFlightStillResumesTheSource() throws Exception {
        ExecutorService controlThread = Executors.newSingleThreadExecutor();
        try (SyncHarness sync = SyncHarness.start(dataDir)) {
            DropFolder drop = new DropFolder(dropDir);
            sync.sandbox.faults().latency(Duration.ofMillis(40));
            StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
            IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                    .append(",Unit ").append(i).append('\n'));
            drop.addSource(sync.context, "file-drop");
            drop.write("units.csv", csv.toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> sync.sandbox.requestCount() >= 20);
            SourceControl sources = new SourceControl(sync.context, controlThread, 300);

            sources.suspend("circuit open");

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sync.context.getRouteController().getRouteStatus("file-drop") == ServiceStatus.Suspended);
            assertThat(sync.context.getRoute("file-drop").getProperties()).containsEntry(SourceControl.FORCED_SHUTDOWN, true);
            assertThat(drop.done()).as("the file in flight was not acknowledged").isEmpty();
            assertThat(sync.sandbox.segments()).hasSizeLessThan(RECORDS);

            sources.resume("circuit open");

            await().atMost(Duration.ofSeconds(30)).until(() -> drop.done().size() == 1);
            assertThat(sync.sandbox.segments()).hasSize(RECORDS);
            assertThat(drop.resultOf(drop.done().get(0)).get("records").asInt()).isEqualTo(RECORDS);
        } finally {
            controlThread.shutdownNow();
        }
    }
}
