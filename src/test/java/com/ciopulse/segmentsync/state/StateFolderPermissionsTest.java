package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sync writes is not for every user of the machine: the state folder (dead letters hold payloads, the
 * state what was sent) and its database files are the owner's only, a file's result (ids, names, reasons) is not
 * world-readable.
 */
class StateFolderPermissionsTest {

    @TempDir
    Path work;

    @Test
    void theDataFolderIsNotWorldReadable() throws Exception {
        Path data = work.resolve("data");
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(data))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }

    @Test
    void theDatabaseFilesAreTheOwnersOnlyEvenInAFolderThatWasThereBefore() throws Exception {
        Path data = Files.createDirectory(work.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(data))) {
            assertThat(files(data)).isNotEmpty().allSatisfy(file ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                            .isEqualTo("rw-------"));
        }
    }

    @Test
    void aRunWithDeadLettersLeavesNothingWorldReadable() throws Exception {
        Path data = work.resolve("data");
        DropFolder drop = new DropFolder(Files.createDirectory(work.resolve("drop")));
        try (SyncHarness sync = SyncHarness.start(data)) {
            drop.write("units.csv", "system_id,segment_code,segment_name\nBU-1,AUS,Australia\nBU-2,NZ,New Zealand,x\n");
            drop.addSource(sync.context, "file-drop");
            await().atMost(Duration.ofSeconds(20)).until(() -> drop.done().size() == 1);
            assertThat(sync.beans.deadLetterStore().list(false)).hasSize(1);

            assertThat(files(data)).isNotEmpty().allSatisfy(StateFolderPermissionsTest::assertNotWorldReadable);
            Path result = files(drop.dir().resolve(".done")).stream()
                    .filter(file -> file.toString().endsWith(".result.json")).findFirst().orElseThrow();
            assertNotWorldReadable(result);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result))).startsWith("rw-");
        }
    }

    private static void assertNotWorldReadable(Path file) {
        try {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                    .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
