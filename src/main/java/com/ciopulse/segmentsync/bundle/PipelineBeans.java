package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.control.CredentialGuard;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.outcome.OutcomeStep;
import com.ciopulse.segmentsync.outcome.ReportJson;
import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.pipeline.SegmentDispatcher;
import com.ciopulse.segmentsync.plan.DryRunPlan;
import com.ciopulse.segmentsync.reconcile.PlanBook;
import com.ciopulse.segmentsync.reconcile.ReconcilePlanner;
import com.ciopulse.segmentsync.reconcile.ReconcileSettings;
import com.ciopulse.segmentsync.reconcile.Reconciler;
import com.ciopulse.segmentsync.segment.SanitizingPolicy;
import com.ciopulse.segmentsync.segment.SegmentValidator;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SegmentStateStore;
import com.ciopulse.segmentsync.state.SyncRunStore;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The pipeline from a record to its outcome (routes/segments-pipeline.camel.yaml) and the reconciliation of full
 * snapshots (routes/segments-reconcile.camel.yaml): {@code sync.segments.*}, {@code sync.reconcile.*}.
 */
final class PipelineBeans implements CamelConfiguration {

    private final SyncSettings settings;
    private final Clock clock;
    private final SegmentValidator validator;
    private final PlanBook plans = new PlanBook();

    PipelineBeans(SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.validator = new SegmentValidator(SanitizingPolicy.parse(settings.text("sync.segments.sanitize")),
                settings.flag("sync.segments.clean-names"));
    }

    @BindToRegistry("segmentValidator")
    public SegmentValidator segmentValidator() {
        return validator;
    }

    /** Twice as many records as calls under way: one record's outcome is stored while another's call goes out. */
    @BindToRegistry("segmentDispatcher")
    public SegmentDispatcher segmentDispatcher(CamelContext context,
                                               @BeanInject("changeDetection") ChangeDetection changeDetection,
                                               @BeanInject("progressLog") ProgressLog progressLog) {
        int recordsInFlight = 2 * settings.integer("sync.segments-api.max-in-flight");
        return new SegmentDispatcher(context.createProducerTemplate(),
                context.getExecutorServiceManager().newFixedThreadPool(this, "segment-sync-api", recordsInFlight),
                recordsInFlight, "direct:segment-sync", progressLog, changeDetection);
    }

    /** A dry run's plan file per source ({@code sync.dry-run.plan-directory}); {@link DryRunPlan#OFF} otherwise. */
    @BindToRegistry("dryRunPlan")
    public DryRunPlan dryRunPlan(CamelContext context) {
        if (!settings.flag("sync.dry-run")) {
            return DryRunPlan.OFF;
        }
        DryRunPlan plan = new DryRunPlan(Path.of(settings.text("sync.dry-run.plan-directory")), clock);
        OnContextStop.run(context, plan);
        return plan;
    }

    @BindToRegistry("outcomeStep")
    public OutcomeStep outcomeStep(@BeanInject("deadLetterStore") DeadLetterStore deadLetterStore,
                                   @BeanInject("changeDetection") ChangeDetection changeDetection,
                                   @BeanInject("outcomeRecorder") OutcomeRecorder outcomeRecorder,
                                   @BeanInject("dryRunPlan") DryRunPlan dryRunPlan) {
        return new OutcomeStep(deadLetterStore, changeDetection, outcomeRecorder, clock, dryRunPlan);
    }

    @BindToRegistry("reconciler")
    public Reconciler reconciler(CamelContext context,
                                 @BeanInject("segmentStateStore") SegmentStateStore segmentStates,
                                 @BeanInject("changeDetection") ChangeDetection changeDetection,
                                 @BeanInject("outcomeRecorder") OutcomeRecorder outcomeRecorder,
                                 @BeanInject("credentialGuard") CredentialGuard credentialGuard,
                                 @BeanInject("dryRunPlan") DryRunPlan dryRunPlan) {
        ReconcilePlanner planner = new ReconcilePlanner(validator, segmentStates, new ReconcileSettings(
                settings.choice("sync.reconcile.removal", "deactivate", "delete").equals("delete"),
                settings.decimal("sync.reconcile.guard-percent"), settings.flag("sync.reconcile.guard-override"),
                settings.text("sync.reconcile.owned-prefix")));
        return new Reconciler(planner, validator, changeDetection, outcomeRecorder, credentialGuard,
                context.createProducerTemplate(), plans, dryRunPlan);
    }

    /** The runs and the reconcile plans as JSON, for the runner's report endpoints. */
    @BindToRegistry("reportJson")
    public ReportJson reportJson(@BeanInject("syncRunStore") SyncRunStore syncRuns,
                                 @BeanInject("deadLetterStore") DeadLetterStore deadLetterStore) {
        return new ReportJson(syncRuns, deadLetterStore, plans);
    }
}
