package com.ciopulse.segmentsync.runner;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Prints logback's own warnings and errors (a log file that cannot be written, a wrong setting in a logback file) to
 * stderr, one line each. Without a listener logback would print all it noted while setting up, on stdout, where the
 * run report alone belongs.
 */
public class LoggingProblems implements StatusListener {

    @Override
    public void addStatusEvent(Status status) {
        if (status.getLevel() >= Status.WARN) {
            Throwable cause = status.getThrowable();
            System.err.println("Logging: " + status.getMessage()
                    + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }
}
