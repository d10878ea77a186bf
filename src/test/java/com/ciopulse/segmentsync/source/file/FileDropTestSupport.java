package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A running bundle against the sandbox, and an empty drop folder, for each test. */
abstract class FileDropTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);

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

    List<RecordedRequest> puts() {
        return sync.sandbox.requests().stream().filter(r -> r.method().equals("PUT")).toList();
    }
}
