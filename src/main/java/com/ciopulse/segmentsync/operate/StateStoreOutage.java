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

    /**
     * What could not be stored (the state store's own error, however wrapped) and the driver's reason: the deepest
     * cause that has a message (a cut connection ends in an EOFException without one), else that cause's type.
     */
    public static String reason(Throwable error) {
        Throwable what = error;
        for (Throwable t = error; t != null; t = causeOf(t)) {
            if (t instanceof StateStoreException) {
                what = t;
                break;
            }
        }
        String because = null;
        for (Throwable t = causeOf(what); t != null; t = causeOf(t)) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                because = message.strip();
            } else if (because == null) {
                because = t.getClass().getSimpleName();
            }
        }
        String reason = because == null ? String.valueOf(what.getMessage()) : what.getMessage() + ": " + because;
        // the line goes on after a full stop of its own
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static Throwable causeOf(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
