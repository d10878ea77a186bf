package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.api.ApiCallTimer;
import com.ciopulse.segmentsync.api.ApiConcurrency;
import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.control.SourcesReadinessCheck;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.operate.SourceRunNotifier;
import com.ciopulse.segmentsync.operate.StateStoreReadinessCheck;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.outcome.RunHistory;
import com.ciopulse.segmentsync.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;

/** What an operator reads: metrics, API call timings, the counts of every outcome, readiness, progress. */
final class OperateBeans implements CamelConfiguration {

    private final SyncSettings settings;
    private final Clock clock;
    private final SyncMetrics metrics;
    private final ApiCallTimer apiCallTimer;

    /** Metrics go to the host's meter registry when it has one; none starts a server. */
    OperateBeans(CamelContext context, SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new SyncMetrics(SyncMetrics.registryOf(context), clock, context.getName());
        this.apiCallTimer = new ApiCallTimer(metrics);
    }

    @BindToRegistry("syncMetrics")
    public SyncMetrics syncMetrics() {
        return metrics;
    }

    @BindToRegistry("apiCallTimerStart")
    public Processor apiCallTimerStart() {
        return apiCallTimer.start();
    }

    @BindToRegistry("apiCallTimerStop")
    public Processor apiCallTimerStop() {
        return apiCallTimer.stop();
    }

    /** The progress of the running batches, logged at a steady interval; the runner's terminal shows it live. */
    @BindToRegistry("progressLog")
    public ProgressLog progressLog(CamelContext context) {
        return new ProgressLog(
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "segment-sync-progress"),
                Duration.ofSeconds(settings.number("sync.progress.interval-seconds")));
    }

    /** Every outcome counts in the metrics and in the run it belongs to. */
    @BindToRegistry("outcomeRecorder")
    public OutcomeRecorder outcomeRecorder(@BeanInject("runHistory") RunHistory runHistory) {
        OutcomeRecorder recorder = new OutcomeRecorder(clock);
        recorder.onRecord(metrics::recorded);
        recorder.onRecord(runHistory::recorded);
        return recorder;
    }

    @Override
    public void configure(CamelContext context) {
        context.getManagementStrategy().addEventNotifier(new SourceRunNotifier(metrics));
        metrics.apiConcurrencyLimit(SegmentSyncBeans.bean(context, "apiConcurrency", ApiConcurrency.class)::limit);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            // the sources first: while every check is up, the default exposure level shows the first one only
            health.register(new SourcesReadinessCheck(SegmentSyncBeans.bean(context, "sourceControl", SourceControl.class),
                    SegmentSyncBeans.bean(context, "sourceStates", SourceStates.class)));
            StateStore stateStore = SegmentSyncBeans.bean(context, "stateStore", StateStore.class);
            health.register(new StateStoreReadinessCheck(stateStore.dataSource(), stateStore.describe(),
                    context.getExecutorServiceManager().newSingleThreadExecutor(this, "segment-sync-state-probe"),
                    Duration.ofMillis(settings.number("sync.state.health-timeout-ms"))));
        }
    }
}
