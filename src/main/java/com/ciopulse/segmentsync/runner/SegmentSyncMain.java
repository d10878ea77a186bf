package com.ciopulse.segmentsync.runner;

/** The standalone runner: {@code java -jar ciopulse-segment-sync.jar [--once] [--dry-run] [--sandbox] ...}. */
public final class SegmentSyncMain {

    private SegmentSyncMain() {
    }

    public static void main(String[] args) {
        // the runner's own logging setup, unless the operator names one; must happen before any logger exists
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", java.nio.file.Files.exists(java.nio.file.Path.of("config/logback.xml"))
                    ? "config/logback.xml" : "segment-sync/logback.xml");
        }
        // Vert.x serves only the runner's two local HTTP servers, which never resolve a name: the JDK's resolver
        // does instead of starting Netty's DNS client (it reads /etc/hosts and loads some 100 classes at start)
        if (System.getProperty("vertx.disableDnsResolver") == null) {
            System.setProperty("vertx.disableDnsResolver", "true");
        }
        SyncRunner runner = new SyncRunner(System.out, System.err);
        StopSignals signals = StopSignals.install(runner::stop);
        int status = runner.run(args);
        System.exit(signals.exitStatus(status));
    }
}
