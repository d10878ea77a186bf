package com.ciopulse.segmentsync.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.ciopulse.segmentsync.operate.ProgressLog;

/**
 * What the console shows of the log by default: every warning and error, and the sync's own INFO lines (its classes'
 * and its routes' log steps, which are named after the route). The libraries' INFO (Camel's start and stop, its
 * summaries, Vert.x, HikariCP, Jetty) goes to the log file only, or to the console too with {@code --verbose}. On a
 * terminal the live progress bars stand in for the periodic progress lines.
 */
public class ConsoleLogFilter extends Filter<ILoggingEvent> {

    /** The system property {@code --verbose} sets: the console shows the whole log, as the file does. */
    public static final String VERBOSE = "segment-sync.verbose";
    private static final String OWN_LOGGERS = "com.ciopulse.";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (ConsoleLine.live() != null && event.getMarkerList() != null
                && event.getMarkerList().contains(ProgressLog.RUNNING)) {
            return FilterReply.DENY;
        }
        if (Boolean.getBoolean(VERBOSE)) {
            return FilterReply.NEUTRAL;
        }
        String logger = event.getLoggerName();
        // a route's log step logs under the route's id, which has no dot; a class's logger always has one
        return logger.startsWith(OWN_LOGGERS) || logger.indexOf('.') < 0 ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
