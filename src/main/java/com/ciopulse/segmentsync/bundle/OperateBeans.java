package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.api.ApiCallTimer;
import com.ciopulse.segmentsync.operate.SourceRunNotifier;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.outcome.RunHistory;
import java.time.Clock;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/** What an operator reads: metrics, API call timings and the counts of every outcome. */
final class OperateBeans implements CamelConfiguration {

    private final Clock clock;
    private final SyncMetrics metrics;
    private final ApiCallTimer apiCallTimer;

    /** Metrics go to the host's meter registry when it has one; none starts a server. */
    OperateBeans(CamelContext context, Clock clock) {
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
    }
}
