package com.ciopulse.segmentsync.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import com.ciopulse.segmentsync.operate.HttpCredentialLogFilter;
import com.ciopulse.segmentsync.operate.PubSubClientLogFilter;

/**
 * The standalone runner's logging when the operator names none: the two credential and noise filters; the whole log
 * (Camel at INFO, HttpClient and HikariCP at WARN) in a log file ({@value #DEFAULT_FILE}, rolled over at
 * {@value #ROLL_AT}, {@value #KEEP} old files kept); on the console (stderr) what a person needs
 * ({@link ConsoleLogFilter}), above the live progress bars on a terminal ({@link ConsoleLogAppender}).
 * {@code config/logback.xml.example} is the same as a file to start from. Built in code because reading a
 * {@code logback.xml} loads some 450 classes before the first log line (the JDK's XML parser and logback's Joran),
 * one in seventeen of what the runner loads before it is ready.
 *
 * <p>logback asks this configurator first (a {@link Configurator} service); it acts only when the runner's main set
 * {@link #BUILT_IN}, so an application that embeds the bundle keeps its own configuration.
 */
public final class RunnerLogging extends ContextAwareBase implements Configurator {

    /** The system property the runner's main sets when neither {@code logback.configurationFile} nor
     *  {@code config/logback.xml} names a configuration. */
    public static final String BUILT_IN = "segment-sync.logging.built-in";
    /** The logger of Camel's HTTP endpoint summary (see {@link HttpServerAddresses}). */
    static final String CAMEL_HTTP_SUMMARY = "org.apache.camel.component.platform.http.main.MainHttpServerUtil";
    /** For a person: the time, the level, the message. */
    static final String PATTERN = "%d{HH:mm:ss} %-5level %msg%n";
    /** For finding out later: the date too, the thread and the logger. */
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    /** Where the log file goes: a system property, or the environment variable {@value #FILE_ENV}. */
    public static final String FILE_SETTING = "sync.log.file";
    static final String FILE_ENV = "SYNC_LOG_FILE";
    static final String DEFAULT_FILE = "logs/segment-sync.log";
    static final String ROLL_AT = "10MB";
    static final int KEEP = 5;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(BUILT_IN)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // first, so that a log file that cannot be written is one line on stderr, not logback's notes on stdout
        context.getStatusManager().add(new LoggingProblems());
        add(context, new HttpCredentialLogFilter());
        add(context, new PubSubClientLogFilter());
        ConsoleLogFilter quiet = new ConsoleLogFilter();
        quiet.setContext(context);
        quiet.start();
        ConsoleLogAppender console = new ConsoleLogAppender();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, PATTERN));
        console.addFilter(quiet);
        console.start();
        context.getLogger("org.apache.camel").setLevel(Level.INFO);
        // its endpoint summary says 0.0.0.0 whatever the bind address; the runner prints the real one
        context.getLogger(CAMEL_HTTP_SUMMARY).setLevel(Level.WARN);
        context.getLogger("org.apache.hc").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        RollingFileAppender<ILoggingEvent> file = file(context, logFile());
        if (file.isStarted()) {
            root.addAppender(file);
        } // else LoggingProblems said why; the console still gets its part of the log
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The log file the operator named ({@value #FILE_SETTING} or {@value #FILE_ENV}), else {@value #DEFAULT_FILE}. */
    static String logFile() {
        String named = System.getProperty(FILE_SETTING, System.getenv(FILE_ENV));
        return named == null || named.isBlank() ? DEFAULT_FILE : named.trim();
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, String path) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(path);
        file.setEncoder(encoder(context, FILE_PATTERN));
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(path + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEEP);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(ROLL_AT));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static void add(LoggerContext context, TurboFilter filter) {
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }
}
