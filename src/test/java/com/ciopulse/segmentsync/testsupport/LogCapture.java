package com.ciopulse.segmentsync.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The lines logged while a test runs, to check what an operator would read (or must never read). */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levelsToRestore = new LinkedHashMap<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** What one class logs, at the levels the test configuration lets through. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture((Logger) LoggerFactory.getLogger(source));
    }

    /** What one logger logs (a library's, by its name), at the levels the test configuration lets through. */
    public static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** Everything anything logs, down to DEBUG (Camel and HikariCP included), until closed. */
    public static LogCapture everythingAtDebug() {
        return everythingAt(Level.DEBUG);
    }

    /** Everything anything logs down to this level (Camel, HttpClient, H2 and HikariCP included), until closed. */
    public static LogCapture everythingAt(Level level) {
        LogCapture capture = new LogCapture((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME));
        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "org.apache.camel", "org.apache.hc", "org.h2",
                "com.zaxxer.hikari", "com.ciopulse")) {
            Logger lowered = (Logger) LoggerFactory.getLogger(name);
            capture.levelsToRestore.put(lowered, lowered.getLevel());
            lowered.setLevel(level);
        }
        return capture;
    }

    /** The events themselves, for their loggers and exceptions. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Each line as {@code LEVEL message}, in the order logged. */
    public List<String> lines() {
        synchronized (appender) { // the appender adds under this lock, from the threads that log
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        levelsToRestore.forEach(Logger::setLevel);
    }
}
