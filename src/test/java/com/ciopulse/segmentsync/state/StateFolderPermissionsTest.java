package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder the sync creates for its state (dead letters hold payloads) is readable by its owner only. */
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
}
