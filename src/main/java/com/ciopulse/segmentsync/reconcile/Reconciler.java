package com.ciopulse.segmentsync.reconcile;

import com.ciopulse.segmentsync.control.CredentialGuard;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.pipeline.SyncHaltedException;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.plan.DryRunPlan;
import com.ciopulse.segmentsync.plan.PlannedChange;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentResponses;
import com.ciopulse.segmentsync.segment.SegmentValidationException;
import com.ciopulse.segmentsync.segment.SegmentValidator;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.state.CommitBarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a reconcile plan through the ordinary pipeline: the writes in one batch, then once more the
 * writes that came back deferred (a 422 while codes move between segments; a refused delete becomes a
 * deactivation), then the unchanged segments are adopted and counted. Called by the route
 * {@code segment-reconcile}.
 */
public class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final ReconcilePlanner planner;
    private final SegmentValidator validator;
    private final ChangeDetection changes;
    private final OutcomeRecorder recorder;
    private final CredentialGuard credentials;
    private final ProducerTemplate producer;
    private final PlanBook plans;
    private final DryRunPlan dryRunPlan;

    public Reconciler(ReconcilePlanner planner, SegmentValidator validator, ChangeDetection changes,
                      OutcomeRecorder recorder, CredentialGuard credentials, ProducerTemplate producer, PlanBook plans) {
        this(planner, validator, changes, recorder, credentials, producer, plans, DryRunPlan.OFF);
    }

    /** @param dryRunPlan where a dry run writes its plan, a line per segment */
    public Reconciler(ReconcilePlanner planner, SegmentValidator validator, ChangeDetection changes,
                      OutcomeRecorder recorder, CredentialGuard credentials, ProducerTemplate producer, PlanBook plans,
                      DryRunPlan dryRunPlan) {
        this.dryRunPlan = dryRunPlan;
        this.planner = planner;
        this.validator = validator;
        this.changes = changes;
        this.recorder = recorder;
        this.credentials = credentials;
        this.producer = producer;
        this.plans = plans;
    }

    /**
     * Plans from the snapshot (property {@code syncSnapshot}) and CIOPulse's list. The list is fetched on an
     * exchange of its own, so the caller's message (a file's headers, say) comes back as it went in.
     */
    public ReconcilePlan plan(Exchange exchange) {
        String source = exchange.getProperty("syncSource", String.class);
        Exchange list = producer.request("direct:segments-api-list", request -> { });
        int status = list.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = list.getMessage().getBody(String.class);
        if (status == 401) {
            credentials.halt();
            throw new SyncHaltedException("the Segments API refused the credentials (401); the sync is halted");
        }
        if (status != 200) {
            throw new ReconcileStoppedException("reconcile of source '" + source + "' stopped: cannot read the "
                    + "segments in CIOPulse (HTTP " + status + "): " + SegmentResponses.errorMessage(body));
        }
        ReconcilePlan plan = planner.plan(source, exchange.getProperty("syncSnapshot"), SegmentResponses.parseList(body));
        plans.keep(plan);
        return plan;
    }

    /** The guard tripped: report, write nothing, and fail so the source does not acknowledge the snapshot. */
    public void stop(ReconcilePlan plan) {
        recorder.note(plan.render());
        recorder.stopped();
        LOG.error("Reconcile of source '{}' stopped by the guard: {}", plan.source(), plan.guard());
        throw new ReconcileStoppedException("reconcile of source '" + plan.source() + "' stopped: " + plan.guard());
    }

    /** A dry run: the plan is the report; the writes go through the pipeline, which only plans them. */
    public BatchResult preview(ReconcilePlan plan) {
        // the counts and first writes come with the plan file's summary; the warnings are said here
        if (!plan.warnings().isEmpty()) {
            recorder.note(plan.render());
        }
        LOG.info("{}", plan.render());
        plan.entries().forEach(entry -> dryRunPlan.add(entry.planned()));
        for (SegmentRecord invalid : plan.invalid()) {
            String reason;
            try {
                validator.validate(invalid);
                reason = "invalid";
            } catch (SegmentValidationException e) {
                reason = e.getMessage();
            }
            dryRunPlan.add(PlannedChange.rejected(plan.source(), invalid.sourceRef(), invalid.strippedSystemId(),
                    invalid.segmentCode(), reason));
        }
        List<SegmentOutcome> outcomes = new ArrayList<>(send(plan, records(plan.writes()), "reconcile").outcomes());
        outcomes.addAll(countUnchanged(plan, false));
        return new BatchResult(outcomes);
    }

    /**
     * The writes; then, after the rest of the run, once more those that came back deferred. When codes move
     * in a cycle (A takes B's code, B takes A's), no order works: each segment still waiting parks on a
     * temporary code first, which frees every code of the cycle, and then takes its own.
     */
    public BatchResult execute(ReconcilePlan plan) {
        plan.warnings().forEach(warning -> LOG.warn("Reconcile of source '{}': {}", plan.source(), warning));
        List<SegmentOutcome> outcomes = new ArrayList<>();
        List<SegmentRecord> deferred = sendKeepingDeferred(plan, records(plan.writes()), outcomes);
        List<SegmentRecord> stillDeferred = sendKeepingDeferred(plan, deferred, outcomes);
        if (!stillDeferred.isEmpty()) {
            stillDeferred.forEach(record -> park(plan, record));
            outcomes.addAll(send(plan, stillDeferred, "reconcile-retry").outcomes());
        }
        // the pipeline rejects them with the usual specific reason; sent in reconcile-retry mode so that this
        // pass, like the others, is part of the reconcile's run and not a run of its own
        outcomes.addAll(send(plan, plan.invalid(), "reconcile-retry").outcomes());
        outcomes.addAll(countUnchanged(plan, true));
        recorder.note(summary(plan));
        return new BatchResult(outcomes);
    }

    /** Sends in reconcile mode; final outcomes go to {@code outcomes}, the deferred come back as what to send next. */
    private List<SegmentRecord> sendKeepingDeferred(ReconcilePlan plan, List<SegmentRecord> records,
                                                    List<SegmentOutcome> outcomes) {
        Map<String, SegmentRecord> bySystemId = records.stream()
                .collect(Collectors.toMap(SegmentRecord::systemId, Function.identity(), (a, b) -> b));
        List<SegmentRecord> next = new ArrayList<>();
        for (SegmentOutcome outcome : send(plan, records, "reconcile").outcomes()) {
            if (outcome.outcome() != Outcome.DEFERRED) {
                outcomes.add(outcome);
            } else {
                next.add(nextTry(plan, bySystemId.get(outcome.systemId()), outcome.message()));
            }
        }
        return next;
    }

    /** @param refusal the deferred outcome's message: for a delete, the API's reason as the status-code route put it */
    private SegmentRecord nextTry(ReconcilePlan plan, SegmentRecord deferred, String refusal) {
        if (deferred.action() != SegmentAction.DELETE) {
            return deferred;
        }
        String note = "Source '" + plan.source() + "': the delete of '" + deferred.systemId() + "' was refused ("
                + refusal + "); deactivating it instead";
        recorder.note(note);
        LOG.warn("{}", note);
        return PlanEntry.deactivate(plan.source(), deferred.systemId(), List.of()).record();
    }

    /** Moves a segment to a temporary code with one raw API call (not a record: nothing to count or remember). */
    private void park(ReconcilePlan plan, SegmentRecord record) {
        if (record.segmentCode() == null) {
            return;
        }
        String temporary = "SWAP-" + Integer.toHexString(record.systemId().hashCode());
        ValidSegment parked = new ValidSegment(record.systemId(), temporary, null, null, SegmentAction.UPSERT,
                plan.source(), record.sourceRef());
        Exchange answer = producer.request("direct:segments-api-upsert", exchange -> {
            exchange.getMessage().setHeader("SegmentSyncSystemId", record.systemId());
            exchange.getMessage().setBody(parked.payloadJson());
        });
        LOG.info("Reconcile of source '{}': '{}' parked on segment_code '{}' to free its code (HTTP {})",
                plan.source(), record.systemId(), temporary, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    /**
     * Unchanged segments cost no call; a real run adopts them, so the sync owns them from now on. Returns once
     * the adoptions are committed, so the source acknowledges the snapshot only after.
     */
    private List<SegmentOutcome> countUnchanged(ReconcilePlan plan, boolean adopt) {
        List<SegmentOutcome> unchanged = new ArrayList<>();
        CommitBarrier adoptions = new CommitBarrier();
        for (PlanEntry entry : plan.entries()) {
            if (entry.kind() == PlanEntry.Kind.UNCHANGED) {
                if (adopt) {
                    adoptions.add(changes.adopt(validator.validate(entry.record())));
                }
                SegmentOutcome outcome = new SegmentOutcome(plan.source(), entry.record().sourceRef(),
                        entry.systemId(), Outcome.UNCHANGED, 0, 0, null);
                recorder.record(outcome);
                unchanged.add(outcome);
            }
        }
        adoptions.await();
        return unchanged;
    }

    private BatchResult send(ReconcilePlan plan, List<SegmentRecord> records, String mode) {
        if (records.isEmpty()) {
            return new BatchResult(List.of());
        }
        return producer.requestBodyAndHeaders("direct:segment-sync-batch", records,
                Map.of(SyncHeaders.SOURCE, plan.source(), SyncHeaders.MODE, mode), BatchResult.class);
    }

    private static List<SegmentRecord> records(List<PlanEntry> entries) {
        return entries.stream().map(PlanEntry::record).toList();
    }

    private static String summary(ReconcilePlan plan) {
        StringBuilder text = new StringBuilder("Reconciled source '" + plan.source() + "': " + plan.counts()
                .toString().toLowerCase(java.util.Locale.ROOT).replace("=", " ").replace("{", "").replace("}", ""));
        plan.entries().stream().filter(entry -> entry.details().stream().anyMatch(d -> d.contains("drift")))
                .forEach(entry -> text.append("\n  drift corrected: ").append(entry));
        plan.warnings().forEach(warning -> text.append("\n  ! ").append(warning));
        return text.toString();
    }
}
