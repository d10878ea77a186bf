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
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
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
        System.clearProperty(RunnerLogging.FILE_SETTING);
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
        System.setProperty(RunnerLogging.FILE_SETTING, "target/runner-logging-test/segment-sync.log");
        LoggerContext builtIn = new LoggerContext();
        assertThat(new RunnerLogging().configure(builtIn)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        LoggerContext fromFile = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromFile);
        joran.doConfigure(Path.of("config/logback.xml.example").toFile());

        assertThat(summary(builtIn)).isEqualTo(summary(fromFile)).containsExactly(
                "status listener " + LoggingProblems.class.getName(),
                "turbo filter " + HttpCredentialLogFilter.class.getName(),
                "turbo filter " + PubSubClientLogFilter.class.getName(),
                "org.apache.camel INFO", "org.apache.hc WARN", "com.zaxxer.hikari WARN", "ROOT INFO",
                "appender console " + ConsoleLogAppender.class.getName() + " " + RunnerLogging.PATTERN
                        + " filters [" + ConsoleLogFilter.class.getName() + "]",
                "appender file " + RollingFileAppender.class.getName() + " " + RunnerLogging.FILE_PATTERN
                        + " filters [] file target/runner-logging-test/segment-sync.log"
                        + " rolled to target/runner-logging-test/segment-sync.log.%i (1..5)");
        assertThat(builtIn.getTurboFilterList()).allMatch(filter -> filter.isStarted());
    }

    /** What a configuration decides: its turbo filters, the levels that matter here, the root's appenders. */
    private static List<String> summary(LoggerContext context) {
        List<String> summary = new ArrayList<>();
        context.getStatusManager().getCopyOfStatusListenerList()
                .forEach(listener -> summary.add("status listener " + listener.getClass().getName()));
        context.getTurboFilterList().forEach(filter -> summary.add("turbo filter " + filter.getClass().getName()));
        for (String name : List.of("org.apache.camel", "org.apache.hc", "com.zaxxer.hikari", Logger.ROOT_LOGGER_NAME)) {
            Level level = context.getLogger(name).getLevel();
            summary.add(name + " " + level);
        }
        Iterator<Appender<ILoggingEvent>> appenders =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            String pattern = appender instanceof OutputStreamAppender<?> output
                    && output.getEncoder() instanceof PatternLayoutEncoder encoder ? encoder.getPattern() : "?";
            String filters = " filters " + appender.getCopyOfAttachedFiltersList().stream()
                    .map(filter -> filter.getClass().getName()).toList();
            String file = appender instanceof RollingFileAppender<?> rolling
                    && rolling.getRollingPolicy() instanceof FixedWindowRollingPolicy window
                    ? " file " + rolling.getFile() + " rolled to " + window.getFileNamePattern() + " ("
                      + window.getMinIndex() + ".." + window.getMaxIndex() + ")" : "";
            summary.add("appender " + appender.getName() + " " + appender.getClass().getName() + " " + pattern
                    + filters + file + (appender.isStarted() ? "" : " (not started)"));
        }
        return summary;
    }
}
