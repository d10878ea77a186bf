package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first file-drop source, end to end: real files, the real template, the sandbox over HTTP. */
class FileDropSourceTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path dropDir;
    DropFolder drop;
    SyncHarness sync;

    @BeforeEach
    void start() throws Exception {
        sync = SyncHarness.start(dataDir);
        drop = new DropFolder(dropDir);
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    @Test
    void everyRowIsSyncedAndTheFileMovedOnceAllHaveAnOutcome() throws Exception {
        drop.write("units.csv", """
                system_id,segment_code,segment_name,active
                BU-1,AUS,Australia,y
                BU-2,NZ,New Zealand,no
                BU-3,BAD,Bad flag,maybe
                BU-4,EMEA,"Europe, Middle East & Africa",1
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() -> drop.done().size() == 1);
        assertThat(sync.sandbox.segments()).extracting(s -> s.systemId()).containsExactlyInAnyOrder("BU-1", "BU-2", "BU-4");
        assertThat(sync.sandbox.segment("BU-2").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.beans.outcomeRecorder().count("file-drop", Outcome.CREATED)).isEqualTo(3);
        assertThat(sync.beans.outcomeRecorder().count("file-drop", Outcome.REJECTED)).isEqualTo(1);
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.source()).isEqualTo("file-drop");
        assertThat(rejected.sourceRef()).isEqualTo("units.csv:4");
        assertThat(rejected.apiMessage()).contains("BU-3").contains("active").contains("maybe");
        assertThat(dropDir.resolve("units.csv")).doesNotExist();
    }

    @Test
    void aFileMissingTheSystemIdColumnGoesToTheErrorFolderWithAClearReason() throws Exception {
        drop.write("broken.csv", """
                id,segment_code,segment_name
                BU-1,AUS,Australia
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() -> drop.failed().size() == 1);
        assertThat(sync.sandbox.requests()).isEmpty();
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.sourceRef()).isEqualTo("broken.csv");
        assertThat(rejected.apiMessage()).contains("system_id").contains("[id, segment_code, segment_name]");
    }

    @Test
    void a401SuspendsTheSourceAcknowledgesNothingAndResumesWhenTheCredentialsWork() throws Exception {
        sync.sandbox.faults().rejectCredentials(true);
        drop.write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand
                """);

        drop.addSource(sync.context, "file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                sync.context.getRouteController().getRouteStatus("file-drop") == ServiceStatus.Suspended);
        assertThat(sync.beans.credentialGuard().halted()).isTrue();
        assertThat(dropDir.resolve("units.csv")).exists();
        assertThat(drop.done()).isEmpty();
        assertThat(sync.sandbox.segments()).isEmpty();
        assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
        long putsWhileHalted = sync.sandbox.requests().stream().filter(r -> r.method().equals("PUT")).count();

        sync.sandbox.faults().rejectCredentials(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> drop.done().size() == 1);
        assertThat(sync.context.getRouteController().getRouteStatus("file-drop")).isEqualTo(ServiceStatus.Started);
        assertThat(sync.sandbox.segments()).hasSize(2);
        // only records already in flight when the 401 came were sent; the credential probe only reads
        assertThat(putsWhileHalted).isBetween(1L, 2L);
    }
}
