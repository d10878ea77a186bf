package com.ciopulse.segmentsync.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fault test on a fresh {@link FaultRun} (sandbox, drop folder, source file) in its own folder, per test. */
abstract class FaultRunTest {

    @TempDir
    Path work;
    FaultRun run;

    @BeforeEach
    void startFaultRun() throws Exception {
        run = FaultRun.in(work);
    }

    /** After the test's own {@code @AfterEach}: what it started on the run stops first. */
    @AfterEach
    void closeFaultRun() {
        run.close();
    }
}
