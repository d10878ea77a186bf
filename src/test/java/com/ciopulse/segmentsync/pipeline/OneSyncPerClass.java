package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One bundle against one sandbox for every test of a class: the tests reset the sandbox, not the bundle. */
abstract class OneSyncPerClass {

    @TempDir
    static Path dataDir;
    static SyncHarness sync;

    @BeforeAll
    static void startSync() throws Exception {
        sync = SyncHarness.start(dataDir);
    }

    @AfterAll
    static void stopSync() {
        sync.close();
    }
}
