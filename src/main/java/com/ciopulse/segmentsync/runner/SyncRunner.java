package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.bundle.OnContextStop;
import com.ciopulse.segmentsync.bundle.SegmentSyncBeans;
import com.ciopulse.segmentsync.bundle.SegmentSyncBundle;
import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.operate.CamelRouteMetrics;
import com.ciopulse.segmentsync.outcome.RunReport;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bundle under Camel Main: settings from {@code config/}, routes from {@code routes/} (or the copies
 * inside the jar when the folders are not there), plus the runner's modes.
 */
public class SyncRunner {

    /** The sample credentials of the API reference: the sandbox accepts them and nothing else does. */
    static final String SANDBOX_PORTAL_CODE = "ABC123";
    static final String SANDBOX_API_KEY = "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL";
    /** A --once run waits this long with nothing in flight for a source route that reports no state of its own. */
    static final Duration ONCE_IDLE = Duration.ofSeconds(2);
    /** The example routes (routes/examples/) are for users to copy; the runner never loads them by itself. */
    public static final String ROUTES_EXCLUDE_PATTERN = "**/examples/**";

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean ownConsole;
    private volatile Main main;

    public SyncRunner(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /**
     * @param ownConsole {@code err} is this process's stderr: when that is a terminal, running batches show as live
     *                   progress bars on it
     */
    public SyncRunner(PrintStream out, PrintStream err, boolean ownConsole) {
        this.out = out;
        this.err = err;
        this.ownConsole = ownConsole;
    }

    public int run(String... args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(RunnerOptions.usage());
            return 2;
        }
        if (options.help()) {
            out.print(RunnerOptions.usage());
            return 0;
        }
        if (options.version()) {
            out.println("ciopulse-segment-sync " + version());
            return 0;
        }
        if (options.verbose()) {
            System.setProperty(ConsoleLogFilter.VERBOSE, "true");
        }
        SegmentsSandbox sandbox = null;
        try {
            if (options.readsStateOnly()) {
                // no sandbox, no Camel Main: what the store holds is all these print
                return new StateStoreReports(out).print(options, propertyLocations(options));
            }
            if (options.sandbox()) {
                sandbox = SegmentsSandbox.start(sandboxSetting("sync.sandbox.port", 0), SANDBOX_PORTAL_CODE,
                        SANDBOX_API_KEY);
                int maxConcurrent = sandboxSetting("sync.sandbox.max-concurrent", 0);
                if (maxConcurrent > 0) {
                    sandbox.faults().throttleAbove(maxConcurrent, sandboxSetting("sync.sandbox.retry-after-seconds", 1));
                }
                // beside the log, so that stdout holds the run report alone
                err.println("Sandbox of the Segments API listening on " + sandbox.baseUrl());
            }
            return runCamel(options, sandbox);
        } catch (Exception e) {
            err.println("Fatal: " + rootMessage(e));
            return 2;
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private int runCamel(RunnerOptions options, SegmentsSandbox sandbox) throws Exception {
        Main main = new Main();
        this.main = main;
        SegmentSyncBeans beans = new SegmentSyncBeans();
        main.configure().addConfiguration(beans);
        main.setPropertyPlaceholderLocations(propertyLocations(options));
        if (!Files.isDirectory(Path.of("routes"))) {
            main.addOverrideProperty("camel.main.routes-include-pattern",
                    SegmentSyncBundle.ROUTES + ",classpath:segment-sync/routes/runner/*.camel.yaml");
        }
        main.addOverrideProperty("camel.main.routes-exclude-pattern", ROUTES_EXCLUDE_PATTERN);
        if (options.dryRun()) {
            main.addOverrideProperty("sync.dry-run", "true");
        }
        if (sandbox != null) {
            main.addOverrideProperty("sync.segments-api.base-url", sandbox.baseUrl());
            main.addOverrideProperty("sync.segments-api.portal-code", SANDBOX_PORTAL_CODE);
            main.addOverrideProperty("sync.segments-api.api-key", SANDBOX_API_KEY);
        }
        ConsoleLine console = ownConsole ? ConsoleLine.onTerminal(err) : null;
        ConsoleLine.install(console);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                CamelRouteMetrics.addTo(context);
                if (console != null) {
                    beans.progressLog().watch(new ProgressBars(console, context.getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "segment-sync-progress-bar")));
                }
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                if (!options.replay()) {
                    // Camel's own lines about its routes go to the log file; these are for the person watching
                    LOG.info("{}", describeSources(started.getCamelContext()));
                    String servers = HttpServerAddresses.describe(started.getCamelContext());
                    if (servers != null) {
                        LOG.info("{}", servers);
                    }
                }
            }
        });
        AtomicInteger commandExit = new AtomicInteger();
        AtomicReference<OnceCompletion> onceCompletion = new AtomicReference<>();
        if (options.replay()) {
            // only the pipeline runs: no source may read while dead letters are replayed
            main.addOverrideProperty("camel.main.auto-startup", "false");
            // a command beside a running runner: its report and management ports are taken, and it needs neither
            // (nor the report routes that would run on the first)
            main.addOverrideProperty("camel.main.routes-exclude-pattern", ROUTES_EXCLUDE_PATTERN + ",**/runner/**");
            main.addOverrideProperty("camel.server.enabled", "false");
            main.addOverrideProperty("camel.management.enabled", "false");
            main.addOverrideProperty("camel.main.startup-summary-level", "off");
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    Thread command = new Thread(() -> {
                        commandExit.set(replay(options, started.getCamelContext(), beans));
                        main.completed();
                    }, "segment-sync-dead-letters");
                    command.start();
                }
            });
        } else if (options.once()) {
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    beans.credentialGuard().onHalt(main::completed);
                    CamelContext context = started.getCamelContext();
                    OnceCompletion completion = new OnceCompletion(context, beans.sourceStates(),
                            beans.onceSourceAttempts(), beans.onceGiveUp(), ONCE_IDLE, Clock.systemUTC(),
                            main::completed);
                    onceCompletion.set(completion);
                    completion.start(context.getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "segment-sync-once"));
                    // the counts so far go with the run's heartbeat, so a killed run keeps them
                    long runId = beans.syncRuns().start(options.dryRun() ? "once-dry-run" : "once", null,
                            Instant.now(), () -> beans.outcomeRecorder().snapshot().countsByOutcome());
                    // recorded as the CamelContext stops, after the routes and before the state store closes
                    // (services stop in reverse order): finished when every source settled or the sync halted,
                    // interrupted when a signal stopped it first
                    OnContextStop.run(context, () -> {
                        Map<String, Long> counts = beans.outcomeRecorder().snapshot().countsByOutcome();
                        if (completion.ended() || beans.credentialGuard().halted()) {
                            beans.syncRuns().finish(runId, Instant.now(), counts);
                        } else {
                            beans.syncRuns().interrupt(runId, Instant.now(), counts);
                        }
                    });
                }
            });
        }

        int camelExit = main.run(options.camelArgs().toArray(String[]::new));
        if (console != null) {
            console.clear();
        }
        if (options.replay()) {
            return commandExit.get();
        }
        if (options.once()) {
            RunReport counts = beans.outcomeRecorder().snapshot();
            OnceCompletion completion = onceCompletion.get();
            RunReport report = completion == null ? counts
                    : counts.withSources(completion.finalStates(), !completion.ended() && !counts.halted());
            report = report.withPlans(beans.dryRunPlan().summaries());
            out.print(options.jsonReport() ? report.toJson() : report.render());
            return report.exitCode();
        }
        return camelExit;
    }

    /** One line for the sources: which started, which did not (switched off, or waiting to lead). */
    static String describeSources(CamelContext context) {
        List<String> started = new ArrayList<>();
        List<String> notStarted = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (SourceControl.SOURCE_GROUP.equals(route.getGroup())) {
                boolean running = context.getRouteController().getRouteStatus(route.getRouteId()).isStarted();
                (running ? started : notStarted).add(route.getRouteId());
            }
        }
        String text = started.isEmpty() ? "No source started"
                : "Started " + started.size() + (started.size() == 1 ? " source: " : " sources: ")
                  + String.join(", ", started);
        return notStarted.isEmpty() ? text : text + "; not started: " + String.join(", ", notStarted);
    }

    /**
     * Stops a running sync the way SIGTERM does: Camel Main shuts the routes down gracefully.
     *
     * @return false when no Camel Main was created yet (or none will be: the state store reports), so there is
     *         nothing to stop
     */
    public boolean stop() {
        Main running = main;
        if (running != null) {
            running.completed();
            return true;
        }
        return false;
    }

    private int replay(RunnerOptions options, CamelContext context, SegmentSyncBeans beans) {
        try {
            new PipelineRoutes(context).startAll();
            return new DeadLetterCommands(beans.deadLetterStore(), out)
                    .replay(context.createProducerTemplate(), options.deadLetterIds());
        } catch (Exception e) {
            err.println("Fatal: " + rootMessage(e));
            return 2;
        }
    }

    /** Where settings come from; for a key in several files the first location that has it wins. */
    private static String propertyLocations(RunnerOptions options) {
        String given = options.camelPropertiesLocation();
        if (given != null) {
            return given; // Camel Main's -pl replaces them; the state store reports, read without Main, follow it too
        }
        String locations = "file:config/application.properties;optional=true,"
                + "classpath:segment-sync/config/application.properties;optional=true";
        if (options.sandbox()) {
            locations = "file:config/application-sandbox.properties;optional=true,"
                    + "classpath:segment-sync/config/application-sandbox.properties;optional=true," + locations;
        }
        return locations;
    }

    /**
     * A setting of the sandbox, which starts before Camel Main reads the configuration: a system property, else its
     * environment variable ({@code sync.sandbox.port} <- {@code SYNC_SANDBOX_PORT}).
     */
    private static int sandboxSetting(String key, int defaultValue) {
        String env = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String value = System.getProperty(key, System.getenv().getOrDefault(env, Integer.toString(defaultValue)));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " (" + env + ") must be a whole number, not '" + value + "'");
        }
    }

    /** The version Maven wrote into the jar; {@code development} when run from the classes folder. */
    static String version() {
        try (var in = SyncRunner.class.getResourceAsStream(
                "/META-INF/maven/com.ciopulse/ciopulse-segment-sync/pom.properties")) {
            if (in == null) {
                return "development";
            }
            java.util.Properties pom = new java.util.Properties();
            pom.load(in);
            return pom.getProperty("version", "development");
        } catch (java.io.IOException e) {
            return "development";
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == error ? message : message + " (" + error.getClass().getSimpleName() + ")";
    }
}
