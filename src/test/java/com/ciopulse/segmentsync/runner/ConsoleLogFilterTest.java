package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import com.ciopulse.segmentsync.operate.ProgressLog;
import com.ciopulse.segmentsync.outcome.OutcomeStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the console shows of the log: warnings and errors of anyone, INFO of the sync's own, the rest with --verbose. */
class ConsoleLogFilterTest {

    final LoggerContext context = new LoggerContext();
    final ConsoleLogFilter filter = new ConsoleLogFilter();

    @AfterEach
    void restore() {
        System.clearProperty(ConsoleLogFilter.VERBOSE);
        ConsoleLine.install(null);
    }

    @Test
    void theLibrariesInfoStaysOffTheConsoleTheirWarningsDoNot() {
        assertThat(reply("org.apache.camel.impl.engine.AbstractCamelContext", Level.INFO)).isEqualTo(FilterReply.DENY);
        assertThat(reply("io.vertx.core.impl.ContextImpl", Level.INFO)).isEqualTo(FilterReply.DENY);
        assertThat(reply("com.zaxxer.hikari.HikariDataSource", Level.INFO)).isEqualTo(FilterReply.DENY);
        assertThat(reply("org.apache.camel.component.file.GenericFileOnCompletion", Level.WARN))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(reply("io.vertx.core.impl.ContextImpl", Level.ERROR)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theSyncsOwnInfoAndItsRoutesLogStepsShow() {
        assertThat(reply("com.ciopulse.segmentsync.outcome.OutcomeStep", Level.INFO)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(reply("file-drop", Level.INFO)).as("a route's log step").isEqualTo(FilterReply.NEUTRAL);
        assertThat(reply("com.ciopulse.segmentsync.outcome.OutcomeStep", Level.DEBUG)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void verboseShowsEverything() {
        System.setProperty(ConsoleLogFilter.VERBOSE, "true");

        assertThat(reply("org.apache.camel.impl.engine.AbstractCamelContext", Level.INFO))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void onATerminalTheBarStandsInForThePeriodicProgressLines() {
        LoggingEvent progress = event(ProgressLog.class.getName(), Level.INFO);
        progress.addMarker(ProgressLog.RUNNING);
        assertThat(filter.decide(progress)).as("no terminal").isEqualTo(FilterReply.NEUTRAL);

        ConsoleLine.install(new ConsoleLine(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), 80));
        assertThat(filter.decide(progress)).isEqualTo(FilterReply.DENY);
        assertThat(reply(ProgressLog.class.getName(), Level.INFO)).as("a batch's summary still shows")
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void linesAboutSingleRecordsShowUpToTheirCapAMinuteWarningsToo() {
        int shown = 0;
        for (int i = 0; i < 500; i++) {
            LoggingEvent deadLetter = event(OutcomeStep.class.getName(), i % 2 == 0 ? Level.WARN : Level.INFO);
            deadLetter.addMarker(OutcomeStep.ONE_RECORD);
            if (filter.decide(deadLetter) == FilterReply.NEUTRAL) {
                shown++;
            }
        }

        assertThat(shown).isEqualTo(ConsoleLogFilter.RECORD_LINES_PER_MINUTE);
        assertThat(reply("com.ciopulse.segmentsync.pipeline.RetryWarnings", Level.WARN))
                .as("other warnings still show").isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void verboseShowsEveryLineAboutASingleRecord() {
        System.setProperty(ConsoleLogFilter.VERBOSE, "true");
        for (int i = 0; i < 100; i++) {
            LoggingEvent sanitized = event(OutcomeStep.class.getName(), Level.INFO);
            sanitized.addMarker(OutcomeStep.ONE_RECORD);
            assertThat(filter.decide(sanitized)).isEqualTo(FilterReply.NEUTRAL);
        }
    }

    private FilterReply reply(String logger, Level level) {
        return filter.decide(event(logger, level));
    }

    private LoggingEvent event(String logger, Level level) {
        Logger named = context.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), named, level, "a line", null, null);
    }
}
