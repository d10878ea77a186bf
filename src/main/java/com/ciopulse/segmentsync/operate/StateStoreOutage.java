package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.state.StateStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an outage of the state store once, not once per failed poll: an ERROR line with the reason when the
 * polls start failing (the stack trace at DEBUG only), a short WARN for each further failed poll, and an INFO
 * line when the store answers again. A store that is down makes every poll fail the same way, and an operator
 * needs to know when it began, that it goes on and when it ended, not a stack trace every few seconds.
 */
public class StateStoreOutage {

    private static final Logger LOG = LoggerFactory.getLogger(StateStoreOutage.class);

    private final Clock clock;
    private Instant since;
    private long failedPolls;

    public StateStoreOutage(Clock clock) {
        this.clock = clock;
    }

    /** A source's poll failed because the state store did not answer; the source reads its input again later. */
    public synchronized void pollFailed(String source, Throwable error) {
        failedPolls++;
        if (since == null) {
            since = clock.instant();
            LOG.error("The state store does not answer: {}. {} and every source acknowledge nothing until it does; "
                    + "their input is read again then", reason(error), source);
            LOG.debug("State store failure of {}", source, error);
        } else {
            LOG.warn("{}: poll failed, the state store still does not answer ({} failed polls in {} s)", source,
                    failedPolls, Duration.between(since, clock.instant()).toSeconds());
        }
    }

    /** The state store took a write: ends an outage, if there was one. */
    public synchronized void answered() {
        if (since == null) {
            return;
        }
        LOG.info("The state store answers again after {} s ({} failed polls); the sources go on",
                Duration.between(since, clock.instant()).toSeconds(), failedPolls);
        since = null;
        failedPolls = 0;
    }

    /** What could not be stored (the state store's own error, however wrapped) and the deepest cause (the driver's). */
    private static String reason(Throwable error) {
        Throwable what = error;
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StateStoreException && !(what instanceof StateStoreException)) {
                what = t;
            }
            root = t;
        }
        return root == what ? String.valueOf(what.getMessage()) : what.getMessage() + ": " + root.getMessage();
    }
}
