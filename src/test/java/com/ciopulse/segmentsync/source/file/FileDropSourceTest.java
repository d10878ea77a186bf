package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first file-drop source, end to end: real files, the real template, the sandbox over HTTP. */
class FileDropSourceTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path drop;
    SyncHarness sync;

    @BeforeEach
    void start() throws Exception {
        sync = SyncHarness.start(dataDir);
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    @Test
    void everyRowIsSyncedAndTheFileMovedOnceAllHaveAnOutcome() throws Exception {
        write("units.csv", """
                system_id,segment_code,segment_name,active
                BU-1,AUS,Australia,y
                BU-2,NZ,New Zealand,no
                BU-3,BAD,Bad flag,maybe
                BU-4,EMEA,"Europe, Middle East & Africa",1
                """);

        addSource("file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() -> done().size() == 1);
        assertThat(sync.sandbox.segments()).extracting(s -> s.systemId()).containsExactlyInAnyOrder("BU-1", "BU-2", "BU-4");
        assertThat(sync.sandbox.segment("BU-2").orElseThrow().active()).isEqualTo("n");
        assertThat(sync.beans.outcomeRecorder().count("file-drop", Outcome.CREATED)).isEqualTo(3);
        assertThat(sync.beans.outcomeRecorder().count("file-drop", Outcome.REJECTED)).isEqualTo(1);
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.source()).isEqualTo("file-drop");
        assertThat(rejected.sourceRef()).isEqualTo("units.csv:4");
        assertThat(rejected.apiMessage()).contains("BU-3").contains("active").contains("maybe");
        assertThat(drop.resolve("units.csv")).doesNotExist();
    }

    @Test
    void aFileMissingTheSystemIdColumnGoesToTheErrorFolderWithAClearReason() throws Exception {
        write("broken.csv", """
                id,segment_code,segment_name
                BU-1,AUS,Australia
                """);

        addSource("file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() -> list(drop.resolve(".error")).size() == 1);
        assertThat(sync.sandbox.requests()).isEmpty();
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.sourceRef()).isEqualTo("broken.csv");
        assertThat(rejected.apiMessage()).contains("system_id").contains("[id, segment_code, segment_name]");
    }

    @Test
    void a401SuspendsTheSourceAcknowledgesNothingAndResumesWhenTheCredentialsWork() throws Exception {
        sync.sandbox.faults().rejectCredentials(true);
        write("units.csv", """
                system_id,segment_code,segment_name
                BU-1,AUS,Australia
                BU-2,NZ,New Zealand
                """);

        addSource("file-drop");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                sync.context.getRouteController().getRouteStatus("file-drop") == ServiceStatus.Suspended);
        assertThat(sync.beans.credentialGuard().halted()).isTrue();
        assertThat(drop.resolve("units.csv")).exists();
        assertThat(done()).isEmpty();
        assertThat(sync.sandbox.segments()).isEmpty();
        assertThat(sync.beans.deadLetterStore().countOpen()).isZero();
        long putsWhileHalted = sync.sandbox.requests().stream().filter(r -> r.method().equals("PUT")).count();

        sync.sandbox.faults().rejectCredentials(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> done().size() == 1);
        assertThat(sync.context.getRouteController().getRouteStatus("file-drop")).isEqualTo(ServiceStatus.Started);
        assertThat(sync.sandbox.segments()).hasSize(2);
        // only records already in flight when the 401 came were sent; the credential probe only reads
        assertThat(putsWhileHalted).isBetween(1L, 2L);
    }

    private void addSource(String id) throws Exception {
        TemplatedRouteBuilder.builder(sync.context, "file-drop-source")
                .routeId(id)
                .parameter("directory", drop.toString())
                .parameter("delay", "200")
                .add();
    }

    private void write(String name, String content) throws IOException {
        Path temp = drop.resolve(name + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, drop.resolve(name));
    }

    private List<Path> done() {
        return list(drop.resolve(".done"));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
