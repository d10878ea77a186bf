package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.control.CredentialGuard;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.operate.LoggingBackend;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.plan.DryRunPlan;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.PluginHelper;

/**
 * The bundle's one entry point: adds the default {@code sync.*} settings, then binds the beans the routes name
 * ({@code ref: ...}), group by group. It runs in Camel Main ({@code main.configure().addConfiguration(new
 * SegmentSyncBeans())}) and in any host's CamelContext (through {@link SegmentSyncBundle}).
 *
 * <p>Each group makes its beans in {@code @BindToRegistry} methods and may take the beans of the groups bound
 * before it ({@code @BeanInject}: one of a later group stops the start with NoSuchBeanException); what several
 * beans of one group share is made once, in its constructor:
 * <ol>
 * <li>{@link ApiBeans}: the Segments API's credentials (loaded first: a missing or malformed key stops the start
 * before anything is read), URLs, HTTP client, retries and throttling, the adaptive concurrency of the calls;</li>
 * <li>{@link StateBeans}: the state store and its tables, change detection, the run history;</li>
 * <li>{@link ControlBeans}: what suspends and resumes the sources;</li>
 * <li>{@link OperateBeans}: metrics, the outcome counts, readiness, progress;</li>
 * <li>{@link SourceBeans}: what the source templates share;</li>
 * <li>{@link PipelineBeans}: validation, dispatch, outcomes, reconciliation;</li>
 * <li>{@link RecordSteps}: the small steps the routes evaluate on every record.</li>
 * </ol>
 */
public class SegmentSyncBeans implements CamelConfiguration {

    private OutcomeRecorder outcomeRecorder;
    private CredentialGuard credentialGuard;
    private DeadLetterStore deadLetterStore;
    private SyncRunStore syncRuns;
    private SourceStates sourceStates;
    private ProgressLog progressLog;
    private int onceSourceAttempts;
    private Duration onceGiveUp;
    private DryRunPlan dryRunPlan;

    @Override
    public void configure(CamelContext context) throws Exception {
        SegmentSyncDefaults.addTo(context);
        // Camel logs resolved property values at DEBUG; masking keeps the API key and passwords out of them
        context.setLogMask(true);
        EnumConverters.addTo(context);
        // HttpClient's header and wire loggers would print the Authorization header of every call
        LoggingBackend.keepCredentialsOutOfHttpClientLogs();
        SyncSettings settings = new SyncSettings(context);
        String instanceId = instanceId(settings);
        Clock clock = Clock.systemUTC();

        bind(context, new ApiBeans(settings, instanceId));
        bind(context, new StateBeans(settings, clock));
        bind(context, new ControlBeans(context, settings, clock));
        bind(context, new OperateBeans(context, settings, clock));
        bind(context, new SourceBeans(settings));
        bind(context, new PipelineBeans(settings, clock));
        bind(context, new RecordSteps());
        ClusterSettings.apply(context, settings, instanceId);
        // what the runner reads after the context stopped, when the registry no longer answers
        outcomeRecorder = bean(context, "outcomeRecorder", OutcomeRecorder.class);
        credentialGuard = bean(context, "credentialGuard", CredentialGuard.class);
        deadLetterStore = bean(context, "deadLetterStore", DeadLetterStore.class);
        syncRuns = bean(context, "syncRunStore", SyncRunStore.class);
        sourceStates = bean(context, "sourceStates", SourceStates.class);
        dryRunPlan = bean(context, "dryRunPlan", DryRunPlan.class);
        progressLog = bean(context, "progressLog", ProgressLog.class);
        onceSourceAttempts = settings.integer("sync.once.source-attempts");
        onceGiveUp = Duration.ofSeconds(settings.number("sync.once.give-up-seconds"));
    }

    /** Binds the group's {@code @BindToRegistry} beans, as Camel Main does for its configurations, then configures it. */
    private static void bind(CamelContext context, CamelConfiguration group) throws Exception {
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        String name = group.getClass().getSimpleName();
        try {
            beans.postProcessBeforeInitialization(group, name);
            beans.postProcessAfterInitialization(group, name);
        } catch (RuntimeCamelException e) {
            throw thrownByTheBean(e);
        }
        group.configure(context);
    }

    /**
     * What a {@code @BindToRegistry} method threw, without the reflection wrappers Camel puts around it: its message
     * says which setting to fix ({@code java.lang.reflect.InvocationTargetException} says nothing).
     */
    private static RuntimeException thrownByTheBean(RuntimeCamelException wrapped) {
        Throwable cause = wrapped;
        while ((cause instanceof RuntimeCamelException || cause instanceof InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException thrown) {
            return thrown;
        }
        return cause == wrapped ? wrapped : new IllegalStateException(cause.getMessage(), cause);
    }

    /** A bean a group bound before. */
    static <T> T bean(CamelContext context, String name, Class<T> type) {
        return CamelContextHelper.mandatoryLookup(context, name, type);
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

    public OutcomeRecorder outcomeRecorder() {
        return outcomeRecorder;
    }

    /** A dry run's plan ({@link DryRunPlan#OFF} in a real run). */
    public DryRunPlan dryRunPlan() {
        return dryRunPlan;
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

    /** The progress of the running batches; a terminal may show them live. */
    public ProgressLog progressLog() {
        return progressLog;
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
