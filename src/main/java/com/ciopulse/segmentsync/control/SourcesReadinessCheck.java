package com.ciopulse.segmentsync.control;

import com.ciopulse.segmentsync.control.SourceStates.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the sync: down while the sources are suspended (credentials refused, circuit open), and while a
 * source's last poll failed or was cut short, until a poll reads it to the end; the reasons are in the message and
 * the details, so an orchestrator or a monitor sees why something is not being synced.
 */
public class SourcesReadinessCheck extends ReadinessCheck {

    private final SourceControl sources;
    private final SourceStates states;

    public SourcesReadinessCheck(SourceControl sources, SourceStates states) {
        super("segment-sync-sources");
        this.sources = sources;
        this.states = states;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        var reasons = sources.suspendReasons();
        if (!reasons.isEmpty()) {
            String why = String.join("; ", reasons);
            builder.detail("suspended.reasons", why);
            problems.add("sources suspended: " + why);
        }
        states.snapshot().values().stream()
                .filter(state -> state.status() == Status.FAILING || state.status() == Status.CUT_SHORT)
                .forEach(state -> {
                    builder.detail("source." + state.source(), state.describe());
                    problems.add("source '" + state.source() + "' " + state.describe());
                });
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message(String.join("; ", problems));
            builder.down();
        }
    }
}
