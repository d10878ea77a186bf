package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.api.ApiConcurrency;
import com.ciopulse.segmentsync.api.ApiCallTimer;
import com.ciopulse.segmentsync.api.AuthorizationStep;
import com.ciopulse.segmentsync.api.ConcurrencyLog;
import com.ciopulse.segmentsync.api.ConflictMessages;
import com.ciopulse.segmentsync.api.RequestHeadersOnly;
import com.ciopulse.segmentsync.api.SegmentsApiHeaders;
import com.ciopulse.segmentsync.api.SegmentsApiCredentials;
import com.ciopulse.segmentsync.api.SegmentsApiTrust;
import com.ciopulse.segmentsync.api.SegmentsApiUrls;
import com.ciopulse.segmentsync.api.ThrottledAnswer;
import com.ciopulse.segmentsync.control.ApiCircuit;
import com.ciopulse.segmentsync.control.CredentialGate;
import com.ciopulse.segmentsync.control.CredentialGuard;
import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.control.SourcesReadinessCheck;
import com.ciopulse.segmentsync.operate.LoggingBackend;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.operate.SourceRunNotifier;
import com.ciopulse.segmentsync.operate.StateStoreReadinessCheck;
import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.outcome.OutcomeStep;
import com.ciopulse.segmentsync.outcome.ReportJson;
import com.ciopulse.segmentsync.outcome.RunHistory;
import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.pipeline.RecordIntake;
import com.ciopulse.segmentsync.pipeline.RetryPolicy;
import com.ciopulse.segmentsync.pipeline.RetryWarnings;
import com.ciopulse.segmentsync.pipeline.SegmentDispatcher;
import com.ciopulse.segmentsync.reconcile.PlanBook;
import com.ciopulse.segmentsync.reconcile.ReconcilePlanner;
import com.ciopulse.segmentsync.reconcile.ReconcileSettings;
import com.ciopulse.segmentsync.reconcile.Reconciler;
import com.ciopulse.segmentsync.segment.SanitizingPolicy;
import com.ciopulse.segmentsync.segment.SegmentValidator;
import com.ciopulse.segmentsync.source.SourcePolls;
import com.ciopulse.segmentsync.source.file.DropFolderPolls;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Creates the bundle's beans from the {@code sync.*} settings and binds them under the names the routes use.
 * The one place where the bundle is wired; it runs in Camel Main (as a configuration) and in any host's
 * CamelContext (through {@link SegmentSyncBundle}).
 */
public class SegmentSyncBeans implements CamelConfiguration {

    private OutcomeRecorder outcomeRecorder;
    private CredentialGuard credentialGuard;
    private StateStore stateStore;
    private DeadLetterStore deadLetterStore;
    private SyncRunStore syncRuns;
    private SourceStates sourceStates;
    private int onceSourceAttempts;
    private Duration onceGiveUp;

    @Override
    public void configure(CamelContext context) {
        SegmentSyncDefaults.addTo(context);
        // Camel logs resolved property values at DEBUG; masking keeps the API key and passwords out of them
        context.setLogMask(true);
        EnumConverters.addTo(context);
        // HttpClient's header and wire loggers would print the Authorization header of every call
        LoggingBackend.keepCredentialsOutOfHttpClientLogs();
        SyncSettings settings = new SyncSettings(context);
        String instanceId = instanceId(settings);
        ExecutorServiceManager executors = context.getExecutorServiceManager();
        Clock clock = Clock.systemUTC();

        // credentials first: a missing or malformed key must stop the start before anything is read
        String apiKey = settings.secret("sync.segments-api.api-key");
        SegmentsApiCredentials credentials = SegmentsApiCredentials.load(
                settings.text("sync.segments-api.portal-code"),
                apiKey.isEmpty() ? blankToEmpty(System.getenv(SegmentsApiCredentials.API_KEY_ENV)) : apiKey,
                settings.text("sync.segments-api.secrets-file"));
        bind(context, "segmentsApiCredentials", credentials);
        bind(context, "segmentsApiAuthorization", new AuthorizationStep(credentials));
        SegmentsApiUrls urls = new SegmentsApiUrls(settings.text("sync.segments-api.base-url"),
                settings.flag("sync.segments-api.clean"), settings.flag("sync.segments-api.allow-plain-http"));
        bind(context, "segmentsApiUrls", urls);
        bind(context, "segmentsApiRequestHeadersOnly", new RequestHeadersOnly());
        bind(context, "segmentsApiHeaders", new SegmentsApiHeaders());
        // certificate and host name verification stay on; a trust store of its own replaces the JVM's cacerts
        bind(context, "segmentsApiSsl", SegmentsApiTrust.sslContextParameters(settings.text("sync.segments-api.trust-store"),
                settings.secret("sync.segments-api.trust-store-password"), settings.text("sync.segments-api.trust-store-type")));
        // HttpClient's own retries would multiply the requests on the wire: retrying is the pipeline's job only.
        // The API is stateless (credentials on every call) and answers a few hundred bytes: keeping cookies and
        // negotiating compression would only cost time on every call.
        bind(context, "segmentsHttpClientConfigurer", (HttpClientConfigurer) builder -> builder.disableAutomaticRetries()
                .disableCookieManagement().disableContentCompression()
                .setUserAgent("ciopulse-segment-sync (" + instanceId + ")"));
        bind(context, "conflictMessages", new ConflictMessages());

        RecordIntake intake = new RecordIntake();
        SegmentValidator validator = new SegmentValidator(SanitizingPolicy.parse(settings.text("sync.segments.sanitize")),
                settings.flag("sync.segments.clean-names"));
        bind(context, "segmentValidator", validator);
        int maxAttempts = settings.integer("sync.segments-api.retry.max-attempts");
        long maxRetryAfterSeconds = settings.number("sync.segments-api.retry.max-retry-after-seconds");
        bind(context, "retryPolicy", new RetryPolicy(
                maxAttempts,
                settings.number("sync.segments-api.retry.initial-delay-ms"),
                settings.number("sync.segments-api.retry.max-delay-ms"),
                settings.decimal("sync.segments-api.retry.multiplier"),
                settings.decimal("sync.segments-api.retry.jitter"),
                maxRetryAfterSeconds * 1000,
                Duration.ofSeconds(settings.number("sync.segments-api.throttle-budget-seconds"))));
        bind(context, "throttledAnswer", new ThrottledAnswer());
        // its thread starts with the first storm of failures that holds lines back
        bind(context, "apiRetryWarning", new RetryWarnings(maxAttempts,
                settings.number("sync.segments-api.connect-timeout-ms"),
                settings.number("sync.segments-api.response-timeout-ms"),
                settings.integer("sync.segments-api.retry.warn-max-lines"),
                Duration.ofSeconds(settings.number("sync.segments-api.retry.warn-interval-seconds")),
                executors.newSingleThreadScheduledExecutor(this, "segment-sync-retry-log")));
        int maxInFlight = settings.integer("sync.segments-api.max-in-flight");
        ProgressLog progressLog = new ProgressLog(executors.newSingleThreadScheduledExecutor(this, "segment-sync-progress"),
                Duration.ofSeconds(settings.number("sync.progress.interval-seconds")));
        int initialInFlight = settings.integer("sync.segments-api.initial-in-flight");
        ApiConcurrency apiConcurrency = new ApiConcurrency(maxInFlight, initialInFlight,
                Duration.ofSeconds(settings.number("sync.segments-api.throttle-hold-seconds")),
                Duration.ofSeconds(maxRetryAfterSeconds), new ConcurrencyLog(initialInFlight, maxInFlight));
        bind(context, "apiConcurrencyAcquire", apiConcurrency.acquireStep());
        bind(context, "apiConcurrencyRelease", apiConcurrency.releaseStep());

        stateStore = StateStore.open(stateStoreSettings(settings));
        deadLetterStore = new DeadLetterStore(stateStore.dataSource());
        syncRuns = new SyncRunStore(stateStore.dataSource());
        StateStoreOutage stateStoreOutage = new StateStoreOutage(clock);
        bind(context, "stateStoreOutage", stateStoreOutage);
        RunHistory runHistory = new RunHistory(syncRuns, clock, stateStoreOutage,
                executors.newSingleThreadScheduledExecutor(this, "segment-sync-run-heartbeat"),
                Duration.ofSeconds(settings.number("sync.runs.heartbeat-seconds")));
        bind(context, "runHistory", runHistory);
        closeWithContext(context, stateStore);
        // after the store's: services stop in reverse order, so the runs still open are closed while it is open
        closeWithContext(context, runHistory);
        bind(context, "stateStore", stateStore);
        bind(context, "deadLetterStore", deadLetterStore);
        bind(context, "checkpointStore", new CheckpointStore(stateStore.dataSource()));
        // source templates read their passwords like the API key, never through the placeholder parser
        bind(context, "syncSecrets", (UnaryOperator<String>) settings::secret);
        outcomeRecorder = new OutcomeRecorder(clock);
        // metrics go to the host's meter registry when it has one; none starts a server
        SyncMetrics metrics = new SyncMetrics(SyncMetrics.registryOf(context), clock, context.getName());
        outcomeRecorder.onRecord(metrics::recorded);
        outcomeRecorder.onRecord(runHistory::recorded);
        bind(context, "syncMetrics", metrics);
        metrics.apiConcurrencyLimit(apiConcurrency::limit);
        ApiCallTimer apiCallTimer = new ApiCallTimer(metrics);
        bind(context, "apiCallTimerStart", apiCallTimer.start());
        bind(context, "apiCallTimerStop", apiCallTimer.stop());
        context.getManagementStrategy().addEventNotifier(new SourceRunNotifier(metrics));
        bind(context, "outcomeRecorder", outcomeRecorder);
        SegmentStateStore segmentStates = new SegmentStateStore(stateStore.dataSource());
        closeWithContext(context, segmentStates);
        // stopped before the store, after the routes: the closings of superseded dead letters handed in are committed
        closeWithContext(context, deadLetterStore);
        ChangeDetection changeDetection = new ChangeDetection(segmentStates,
                settings.flag("sync.segments.change-detection"), clock);
        bind(context, "changeDetection", changeDetection);
        // twice as many records as calls under way: one record's outcome is stored while another's call goes out
        int recordsInFlight = 2 * maxInFlight;
        bind(context, "segmentDispatcher", new SegmentDispatcher(context.createProducerTemplate(),
                executors.newFixedThreadPool(this, "segment-sync-api", recordsInFlight), recordsInFlight,
                "direct:segment-sync", progressLog, changeDetection));
        OutcomeStep outcomeStep = new OutcomeStep(deadLetterStore, changeDetection, outcomeRecorder, clock);
        bind(context, "outcomeStep", outcomeStep);

        SourceControl sourceControl = new SourceControl(context,
                executors.newSingleThreadExecutor(this, "segment-sync-source-control"), 30_000);
        bind(context, "sourceControl", sourceControl);
        sourceStates = new SourceStates(clock);
        onceSourceAttempts = settings.integer("sync.once.source-attempts");
        onceGiveUp = Duration.ofSeconds(settings.number("sync.once.give-up-seconds"));
        bind(context, "sourceStates", sourceStates);
        SourcePolls sourcePolls = new SourcePolls(sourceStates, stateStoreOutage, sourceControl, clock);
        bind(context, "sourcePolls", sourcePolls);
        bind(context, "dropFolderPolls", new DropFolderPolls(sourcePolls));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new SourcesReadinessCheck(sourceControl, sourceStates));
            health.register(new StateStoreReadinessCheck(stateStore.dataSource(), stateStore.describe(),
                    executors.newSingleThreadExecutor(this, "segment-sync-state-probe"),
                    Duration.ofMillis(settings.number("sync.state.health-timeout-ms"))));
        }
        CredentialGate credentialGate = new CredentialGate();
        bind(context, "credentialGateEnter", credentialGate.enterStep());
        bind(context, "credentialGateAnswered", credentialGate.answeredStep());
        credentialGuard = new CredentialGuard(sourceControl, context.createProducerTemplate(),
                executors.newSingleThreadScheduledExecutor(this, "segment-sync-credential-probe"),
                settings.number("sync.segments-api.credential-probe-seconds") * 1000, "direct:segments-api-list",
                credentialGate);
        bind(context, "credentialGuard", credentialGuard);
        ReconcilePlanner planner = new ReconcilePlanner(validator, segmentStates,
                new ReconcileSettings(settings.choice("sync.reconcile.removal", "deactivate", "delete").equals("delete"),
                        settings.decimal("sync.reconcile.guard-percent"), settings.flag("sync.reconcile.guard-override"),
                        settings.text("sync.reconcile.owned-prefix")));
        PlanBook plans = new PlanBook();
        bind(context, "reconciler", new Reconciler(planner, validator, changeDetection, outcomeRecorder,
                credentialGuard, context.createProducerTemplate(), plans));
        bind(context, "reportJson", new ReportJson(syncRuns, deadLetterStore, plans));
        ApiCircuit apiCircuit = new ApiCircuit(sourceControl,
                settings.integer("sync.segments-api.circuit-breaker.window"),
                (float) settings.decimal("sync.segments-api.circuit-breaker.failure-rate-percent"),
                Duration.ofSeconds(settings.number("sync.segments-api.circuit-breaker.open-seconds")));
        bind(context, "apiCircuit", apiCircuit);
        RecordSteps.bindTo(context, intake, validator, changeDetection, urls, apiCircuit, outcomeStep);
        ClusterSettings.apply(context, settings, instanceId);
    }

    /**
     * {@code sync.instance-id}, else the JVM's {@code pid@host}: unique even for two instances on one host. The
     * same name as the runtime MXBean's, without starting the JVM's management beans (some 50 classes at start).
     */
    private static String instanceId(SyncSettings settings) {
        String configured = settings.text("sync.instance-id");
        return configured.isEmpty() ? ProcessHandle.current().pid() + "@" + hostName() : configured;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The state store the bundle would open with the {@code sync.state.*} settings of {@code context} (its
     * defaults added): for commands that read the store without starting the bundle, so without an API key.
     */
    public static StateStoreSettings stateStoreSettings(CamelContext context) {
        SegmentSyncDefaults.addTo(context);
        return stateStoreSettings(new SyncSettings(context));
    }

    static StateStoreSettings stateStoreSettings(SyncSettings settings) {
        String jdbcUrl = settings.text("sync.state.jdbc-url");
        StateStoreSettings store = jdbcUrl.isEmpty()
                ? StateStoreSettings.h2FileIn(Path.of(settings.text("sync.state.data-dir")))
                : new StateStoreSettings(jdbcUrl, settings.text("sync.state.user"),
                        settings.secret("sync.state.password"), settings.integer("sync.state.max-pool-size"));
        return store.withConnectionTimeout(Duration.ofMillis(settings.number("sync.state.connection-timeout-ms")));
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** The state store's pool closes when the context stops, after the routes stopped using it. */
    private static void closeWithContext(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Could not register the state store with the CamelContext", e);
        }
    }

    public OutcomeRecorder outcomeRecorder() {
        return outcomeRecorder;
    }

    public CredentialGuard credentialGuard() {
        return credentialGuard;
    }

    public DeadLetterStore deadLetterStore() {
        return deadLetterStore;
    }

    public SyncRunStore syncRuns() {
        return syncRuns;
    }

    public SourceStates sourceStates() {
        return sourceStates;
    }

    /** How many failed polls in a row a {@code --once} run gives a source before it gives the source up. */
    public int onceSourceAttempts() {
        return onceSourceAttempts;
    }

    /** How long after a source's first failed poll a {@code --once} run gives it up at the latest. */
    public Duration onceGiveUp() {
        return onceGiveUp;
    }
}
