package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.control.ApiCircuit;
import com.ciopulse.segmentsync.control.CredentialGate;
import com.ciopulse.segmentsync.control.CredentialGuard;
import com.ciopulse.segmentsync.control.SourceControl;
import com.ciopulse.segmentsync.control.SourceStates;
import com.ciopulse.segmentsync.operate.StateStoreOutage;
import com.ciopulse.segmentsync.source.SourcePolls;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * What suspends and resumes the sources: refused credentials, an open API circuit, failing polls
 * ({@code sync.segments-api.credential-probe-seconds}, {@code sync.segments-api.circuit-breaker.*}).
 */
final class ControlBeans implements CamelConfiguration {

    private final SyncSettings settings;
    private final Clock clock;
    private final SourceControl sourceControl;
    private final SourceStates sourceStates;
    private final CredentialGate credentialGate = new CredentialGate();

    ControlBeans(CamelContext context, SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.sourceControl = new SourceControl(context,
                context.getExecutorServiceManager().newSingleThreadExecutor(this, "segment-sync-source-control"), 30_000);
        this.sourceStates = new SourceStates(clock);
    }

    @BindToRegistry("sourceControl")
    public SourceControl sourceControl() {
        return sourceControl;
    }

    @BindToRegistry("sourceStates")
    public SourceStates sourceStates() {
        return sourceStates;
    }

    @BindToRegistry("sourcePolls")
    public SourcePolls sourcePolls(@BeanInject("stateStoreOutage") StateStoreOutage outage) {
        return new SourcePolls(sourceStates, outage, sourceControl, clock);
    }

    @BindToRegistry("credentialGateEnter")
    public Processor credentialGateEnter() {
        return credentialGate.enterStep();
    }

    @BindToRegistry("credentialGateAnswered")
    public Processor credentialGateAnswered() {
        return credentialGate.answeredStep();
    }

    @BindToRegistry("credentialGuard")
    public CredentialGuard credentialGuard(CamelContext context) {
        return new CredentialGuard(sourceControl, context.createProducerTemplate(),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "segment-sync-credential-probe"),
                settings.number("sync.segments-api.credential-probe-seconds") * 1000, "direct:segments-api-list",
                credentialGate);
    }

    @BindToRegistry("apiCircuit")
    public ApiCircuit apiCircuit() {
        return new ApiCircuit(sourceControl,
                settings.integer("sync.segments-api.circuit-breaker.window"),
                (float) settings.decimal("sync.segments-api.circuit-breaker.failure-rate-percent"),
                Duration.ofSeconds(settings.number("sync.segments-api.circuit-breaker.open-seconds")));
    }
}
