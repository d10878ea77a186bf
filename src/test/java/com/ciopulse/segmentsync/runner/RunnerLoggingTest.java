package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.ciopulse.segmentsync.operate.HttpCredentialLogFilter;
import com.ciopulse.segmentsync.operate.PubSubClientLogFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner's built-in logging: set up only when the runner's main asks for it (an embedding application keeps its
 * own), and the same as {@code config/logback.xml.example}, the file an operator starts from.
 */
class RunnerLoggingTest {

    @AfterEach
    void clearTheRunnersRequest() {
        System.clearProperty(RunnerLogging.BUILT_IN);
    }

    @Test
    void leavesLoggingToTheNextConfiguratorUnlessTheRunnerAsked() {
        LoggerContext context = new LoggerContext();

        assertThat(new RunnerLogging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getTurboFilterList()).isEmpty();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void setsUpTheSameLoggingAsTheExampleFile() throws JoranException {
        System.setProperty(RunnerLogging.BUILT_IN, "true");
        LoggerContext builtIn = new LoggerContext();
        assertThat(new RunnerLogging().configure(builtIn)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        LoggerContext fromFile = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromFile);
        joran.doConfigure(Path.of("config/logback.xml.example").toFile());

        assertThat(summary(builtIn)).isEqualTo(summary(fromFile)).containsExactly(
                "turbo filter " + HttpCredentialLogFilter.class.getName(),
                "turbo filter " + PubSubClientLogFilter.class.getName(),
                "org.apache.camel INFO", "org.apache.hc WARN", "com.zaxxer.hikari WARN", "ROOT INFO",
                "appender console " + ConsoleAppender.class.getName() + " " + RunnerLogging.PATTERN);
        assertThat(builtIn.getTurboFilterList()).allMatch(filter -> filter.isStarted());
    }

    /** What a configuration decides: its turbo filters, the levels that matter here, the root's appenders. */
    private static List<String> summary(LoggerContext context) {
        List<String> summary = new ArrayList<>();
        context.getTurboFilterList().forEach(filter -> summary.add("turbo filter " + filter.getClass().getName()));
        for (String name : List.of("org.apache.camel", "org.apache.hc", "com.zaxxer.hikari", Logger.ROOT_LOGGER_NAME)) {
            Level level = context.getLogger(name).getLevel();
            summary.add(name + " " + level);
        }
        Iterator<Appender<ILoggingEvent>> appenders =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            String pattern = appender instanceof ConsoleAppender<?> console
                    && console.getEncoder() instanceof PatternLayoutEncoder encoder ? encoder.getPattern() : "?";
            summary.add("appender " + appender.getName() + " " + appender.getClass().getName() + " " + pattern
                    + (appender.isStarted() ? "" : " (not started)"));
        }
        return summary;
    }
}
