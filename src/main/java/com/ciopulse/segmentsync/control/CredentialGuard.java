package com.ciopulse.segmentsync.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts the sync when the API answers 401: the sources are suspended (nothing more is read or acknowledged),
 * one loud log line says why, and a periodic probe (GET list) resumes the sources once the credentials are
 * accepted again, e.g. after the key was rotated in the portal and the secret updated.
 */
public class CredentialGuard {

    static final String REASON = "Segments API refused the credentials (401)";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialGuard.class);

    private final SourceControl sources;
    private final ProducerTemplate producer;
    private final ScheduledExecutorService scheduler;
    private final long probeIntervalMillis;
    private final String probeUri;
    private final CredentialGate gate;
    private final List<Runnable> haltListeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> probe;

    public CredentialGuard(SourceControl sources, ProducerTemplate producer, ScheduledExecutorService scheduler,
                           long probeIntervalMillis, String probeUri, CredentialGate gate) {
        this.sources = sources;
        this.producer = producer;
        this.scheduler = scheduler;
        this.probeIntervalMillis = probeIntervalMillis;
        this.probeUri = probeUri;
        this.gate = gate;
    }

    /** Called by the status-code route on a 401. */
    public synchronized void halt() {
        if (probe != null) {
            return;
        }
        LOG.error("HALTED: the CIOPulse Segments API refused the portal code / API key (HTTP 401). No source is read "
                + "until a credential probe succeeds (every {} s). Check CIOPULSE_PORTAL_CODE and CIOPULSE_API_KEY.",
                probeIntervalMillis / 1000);
        sources.suspend(REASON);
        probe = scheduler.scheduleWithFixedDelay(this::probe, probeIntervalMillis, probeIntervalMillis,
                TimeUnit.MILLISECONDS);
        haltListeners.forEach(Runnable::run);
    }

    public synchronized boolean halted() {
        return probe != null;
    }

    /** Lets the runner end a {@code --once} run at the first 401. */
    public void onHalt(Runnable listener) {
        haltListeners.add(listener);
    }

    private void probe() {
        try {
            Exchange answer = producer.send(probeUri, exchange -> exchange.setProperty(CredentialGate.PROBE, true));
            int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (status == 200) {
                resume();
            } else {
                LOG.warn("Credential probe: the Segments API answered {}; sources stay suspended", status);
            }
        } catch (RuntimeException e) {
            LOG.warn("Credential probe failed: {}; sources stay suspended", e.getMessage());
        }
    }

    private synchronized void resume() {
        if (probe != null) {
            probe.cancel(false);
            probe = null;
        }
        LOG.info("The Segments API accepts the credentials again; resuming the sources");
        gate.accepted();
        sources.resume(REASON);
    }
}
