package com.ciopulse.segmentsync.reconcile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The last reconcile plan of each source (dry run, guarded or carried out), for the report endpoints. */
public class PlanBook {

    private final Map<String, ReconcilePlan> lastBySource = new ConcurrentHashMap<>();

    public void keep(ReconcilePlan plan) {
        lastBySource.put(plan.source(), plan);
    }

    public Map<String, ReconcilePlan> lastPlans() {
        return new TreeMap<>(lastBySource);
    }
}
