package com.ciopulse.segmentsync.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.ciopulse.segmentsync.operate.HttpCredentialLogFilter;
import com.ciopulse.segmentsync.operate.PubSubClientLogFilter;

/**
 * The standalone runner's logging when the operator names none: the two credential and noise filters, one console
 * line per event, Camel at INFO, HttpClient and HikariCP at WARN. {@code config/logback.xml.example} is the same as a
 * file to start from. Built in code because reading a {@code logback.xml} loads some 450 classes before the first log
 * line (the JDK's XML parser and logback's Joran), one in seventeen of what the runner loads before it is ready.
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
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(BUILT_IN)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        add(context, new HttpCredentialLogFilter());
        add(context, new PubSubClientLogFilter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        // the log on stderr, the run report alone on stdout: a script can take the report apart from the log
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("org.apache.camel").setLevel(Level.INFO);
        // its endpoint summary says 0.0.0.0 whatever the bind address; the runner prints the real one
        context.getLogger(CAMEL_HTTP_SUMMARY).setLevel(Level.WARN);
        context.getLogger("org.apache.hc").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static void add(LoggerContext context, TurboFilter filter) {
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }
}
