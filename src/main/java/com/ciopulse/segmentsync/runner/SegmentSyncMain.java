package com.ciopulse.segmentsync.runner;

import java.nio.file.Files;
import java.nio.file.Path;

/** The standalone runner: {@code java -jar ciopulse-segment-sync.jar [--once] [--dry-run] [--sandbox] ...}. */
public final class SegmentSyncMain {

    private static final String OPERATOR_LOGGING = "config/logback.xml";

    private SegmentSyncMain() {
    }

    public static void main(String[] args) {
        // the operator's logging setup if there is one, else the runner's built-in one (RunnerLogging); must happen
        // before any logger exists
        if (System.getProperty("logback.configurationFile") == null) {
            if (Files.exists(Path.of(OPERATOR_LOGGING))) {
                System.setProperty("logback.configurationFile", OPERATOR_LOGGING);
            } else {
                System.setProperty(RunnerLogging.BUILT_IN, "true");
            }
        }
        // Vert.x serves only the runner's two local HTTP servers, which never resolve a name: the JDK's resolver
        // does instead of starting Netty's DNS client (it reads /etc/hosts and loads some 100 classes at start)
        if (System.getProperty("vertx.disableDnsResolver") == null) {
            System.setProperty("vertx.disableDnsResolver", "true");
        }
        SyncRunner runner = new SyncRunner(System.out, System.err, true);
        StopSignals signals = StopSignals.install(runner::stop);
        int status = runner.run(args);
        System.exit(signals.exitStatus(status));
    }
}
