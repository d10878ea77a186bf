package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.reconcile.PlanBook;
import com.ciopulse.segmentsync.reconcile.PlanEntry;
import com.ciopulse.segmentsync.reconcile.ReconcilePlan;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run history and the last reconcile plans as JSON, for the runner's report endpoints. */
public class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncRunStore runs;
    private final DeadLetterStore deadLetters;
    private final PlanBook plans;

    public ReportJson(SyncRunStore runs, DeadLetterStore deadLetters, PlanBook plans) {
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.plans = plans;
    }

    /** The last {@code limit} runs, newest first (limit 1 to 500, default 20). */
    public String runs(Integer limit) throws JsonProcessingException {
        int n = limit == null ? 20 : Math.max(1, Math.min(500, limit));
        List<Map<String, Object>> view = runs.recent(n).stream().map(this::view).toList();
        return JSON.writeValueAsString(Map.of("runs", view));
    }

    public String plans() throws JsonProcessingException {
        Map<String, Object> bySource = new LinkedHashMap<>();
        plans.lastPlans().forEach((source, plan) -> bySource.put(source, view(plan)));
        return JSON.writeValueAsString(Map.of("plans", bySource));
    }

    private Map<String, Object> view(SyncRun run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("source", run.source());
        view.put("mode", run.mode());
        view.put("startedAt", run.startedAt().toString());
        view.put("finishedAt", run.isFinished() ? run.finishedAt().toString() : null);
        view.put("status", run.status());
        view.put("interrupted", run.interrupted());
        view.put("heartbeatAt", run.heartbeatAt() == null ? null : run.heartbeatAt().toString());
        view.put("counts", run.outcomeCounts());
        view.put("deadLetters", run.isFinished()
                ? deadLetters.countOfRun(run.source(), run.startedAt(), run.finishedAt()) : null);
        return view;
    }

    private static Map<String, Object> view(ReconcilePlan plan) {
        Map<String, Object> view = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        plan.counts().forEach((kind, n) -> counts.put(kind.name().toLowerCase(java.util.Locale.ROOT), n));
        view.put("counts", counts);
        view.put("invalid", plan.invalid().size());
        view.put("owned", plan.owned());
        view.put("guard", plan.guard());
        view.put("writes", plan.writes().stream().map(PlanEntry::toString).toList());
        view.put("warnings", plan.warnings());
        return view;
    }
}
