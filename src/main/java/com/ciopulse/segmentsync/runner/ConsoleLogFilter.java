package com.ciopulse.segmentsync.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.outcome.OutcomeStep;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console shows of the log by default: every warning and error, and the sync's own INFO lines (its classes'
 * and its routes' log steps, which are named after the route). The libraries' INFO (Camel's start and stop, its
 * summaries, Vert.x, HikariCP, Jetty) goes to the log file only, or to the console too with {@code --verbose}. On a
 * terminal the live progress bars stand in for the periodic progress lines. Lines about one record each (dead
 * letters, sanitized values) show up to {@value #RECORD_LINES_PER_MINUTE} a minute: a file of thousands of bad rows
 * must not bury the rest, and the log file keeps every one.
 */
public class ConsoleLogFilter extends Filter<ILoggingEvent> {

    /** The system property {@code --verbose} sets: the console shows the whole log, as the file does. */
    public static final String VERBOSE = "segment-sync.verbose";
    static final int RECORD_LINES_PER_MINUTE = 20;
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogFilter.class);
    private static final String OWN_LOGGERS = "com.ciopulse.";

    // guarded by this
    private long recordLinesSince;
    private int recordLines;

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (aboutOneRecord(event) && !Boolean.getBoolean(VERBOSE) && !recordLineShows()) {
            return FilterReply.DENY;
        }
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

    private static boolean aboutOneRecord(ILoggingEvent event) {
        return event.getMarkerList() != null && event.getMarkerList().contains(OutcomeStep.ONE_RECORD);
    }

    private boolean recordLineShows() {
        boolean firstHeldBack;
        synchronized (this) {
            long now = System.nanoTime();
            if (recordLines == 0 || now - recordLinesSince >= MINUTE_NANOS) {
                recordLinesSince = now;
                recordLines = 0;
            }
            recordLines++;
            if (recordLines <= RECORD_LINES_PER_MINUTE) {
                return true;
            }
            firstHeldBack = recordLines == RECORD_LINES_PER_MINUTE + 1;
        }
        if (firstHeldBack) {
            // from another thread: a line logged while the console appends this event would not reach it
            CompletableFuture.runAsync(() -> LOG.info("More lines about single records than the console shows; the"
                    + " rest of this minute's are in the log file {} (the run report counts them all)",
                    RunnerLogging.logFile()));
        }
        return false;
    }
}
