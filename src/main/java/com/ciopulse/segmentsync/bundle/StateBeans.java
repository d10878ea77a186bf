package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.outcome.RunHistory;
import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The state store ({@code sync.state.*}) and what the bundle keeps in it: segments as sent, checkpoints, dead
 * letters, the run history.
 */
final class StateBeans implements CamelConfiguration {

    private final SyncSettings settings;
    private final Clock clock;
    private final StateStore stateStore;
    private final SegmentStateStore segmentStates;
    private final SyncRunStore syncRuns;
    private final StateStoreOutage outage;

    StateBeans(SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.stateStore = StateStore.open(SegmentSyncBeans.stateStoreSettings(settings));
        this.segmentStates = new SegmentStateStore(stateStore.dataSource());
        this.syncRuns = new SyncRunStore(stateStore.dataSource());
        this.outage = new StateStoreOutage(clock);
    }

    @BindToRegistry("stateStore")
    public StateStore stateStore() {
        return stateStore;
    }

    @BindToRegistry("segmentStateStore")
    public SegmentStateStore segmentStateStore() {
        return segmentStates;
    }

    @BindToRegistry("syncRunStore")
    public SyncRunStore syncRunStore() {
        return syncRuns;
    }

    @BindToRegistry("stateStoreOutage")
    public StateStoreOutage stateStoreOutage() {
        return outage;
    }

    @BindToRegistry("deadLetterStore")
    public DeadLetterStore deadLetterStore() {
        return new DeadLetterStore(stateStore.dataSource());
    }

    @BindToRegistry("checkpointStore")
    public CheckpointStore checkpointStore() {
        return new CheckpointStore(stateStore.dataSource());
    }

    @BindToRegistry("changeDetection")
    public ChangeDetection changeDetection() {
        return new ChangeDetection(segmentStates, settings.flag("sync.segments.change-detection"), clock);
    }

    @BindToRegistry("runHistory")
    public RunHistory runHistory(CamelContext context) {
        return new RunHistory(syncRuns, clock, outage,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "segment-sync-run-heartbeat"),
                Duration.ofSeconds(settings.number("sync.runs.heartbeat-seconds")));
    }

    @Override
    public void configure(CamelContext context) {
        // the pool closes after the routes stopped using it; what is registered after it closes before it
        OnContextStop.run(context, stateStore);
        // the runs still open are closed while the store is open
        OnContextStop.run(context, SegmentSyncBeans.bean(context, "runHistory", RunHistory.class));
        OnContextStop.run(context, segmentStates);
        // after the routes: the closings of superseded dead letters handed in are committed
        OnContextStop.run(context, SegmentSyncBeans.bean(context, "deadLetterStore", DeadLetterStore.class));
    }
}
