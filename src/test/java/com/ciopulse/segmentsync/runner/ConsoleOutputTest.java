package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunningSync;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a person runs it, in a process of its own: the run report alone on stdout, a few
 * lines of log on stderr (the sources started, warnings, the sync's own lines), the libraries' INFO in the log file.
 */
class ConsoleOutputTest {

    /** The README promises about this many console lines for the demo, besides the sandbox's address. */
    static final int DEMO_CONSOLE_LINES = 15;
    static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (INFO|WARN|ERROR|DEBUG) ");
    static final Duration WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @Test
    void theDemoPrintsItsReportOnStdoutAndAFewLinesOfLogOnStderr() throws Exception {
        try (RunnerProcess demo = RunnerProcess.startWithOutputApart("demo", settings(), work, "--sandbox", "--once")) {
            assertThat(demo.awaitExit(WITHIN)).as(demo.log()).isZero();

            List<String> report = demo.output().lines().toList();
            assertThat(report.get(0)).isEqualTo("=== CIOPulse segment sync: run report ===");
            assertThat(report).contains("file-drop                created 8; sanitized 2")
                    .last().isEqualTo("Exit 0: every source read to the end, every record synced");
            assertThat(report).noneMatch(line -> LOG_LINE.matcher(line).find());

            List<String> log = demo.log().lines().toList();
            assertThat(log.get(0)).startsWith("Sandbox of the Segments API listening on http://127.0.0.1:");
            assertThat(log).allMatch(line -> line == log.get(0) || LOG_LINE.matcher(line).find())
                    .anyMatch(line -> line.endsWith(
                            "INFO  Started 1 source: file-drop; not started: business-units-db"))
                    .anyMatch(line -> line.endsWith(
                            "INFO  file-drop: business-units.csv: 8 records: created 8; sanitized 2"));
            assertThat(demo.log()).doesNotContain("Apache Camel", "Routes startup", "Property-placeholders",
                    "HTTP endpoints summary", "Vert.x", "Stopped file-drop");
            assertThat(report.size() + log.size() - 1).as("console lines besides the sandbox's address:\n"
                    + demo.log() + demo.output()).isLessThanOrEqualTo(DEMO_CONSOLE_LINES);

            assertThat(demo.fullLog()).as("the libraries' INFO is in the log file")
                    .contains("Apache Camel 4.18.0 (ciopulse-segment-sync) started in", "Started file-drop (file://",
                            "Property-placeholders summary", "Stopped file-drop")
                    .contains("c.c.s.runner.SyncRunner - Started 1 source: file-drop");
        }
    }

    @Test
    void theJsonReportIsTheWholeOfStdout() throws Exception {
        try (RunnerProcess demo = RunnerProcess.startWithOutputApart("json", settings(), work,
                "--sandbox", "--once", "--report", "json")) {
            assertThat(demo.awaitExit(WITHIN)).as(demo.log()).isZero();

            JsonNode report = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(demo.output());
            assertThat(report.get("exitCode").asInt()).isZero();
            assertThat(report.at("/sources/file-drop/state").asText()).isEqualTo("read");
            assertThat(report.at("/totals/created").asLong()).isEqualTo(8);
            assertThat(demo.log()).contains("Sandbox of the Segments API listening on")
                    .contains("INFO  Started 1 source: file-drop").doesNotContain("\"exitCode\"");
        }
    }

    @Test
    void aLogFileThatCannotBeWrittenIsSaidOnStderrAndTheReportStaysAlone() throws Exception {
        Map<String, String> settings = settings();
        Files.writeString(work.resolve("not-a-folder"), "a file");
        settings.put("sync.log.file", work.resolve("not-a-folder").resolve("segment-sync.log").toString());

        try (RunnerProcess demo = RunnerProcess.startWithOutputApart("unwritable", settings, work,
                "--sandbox", "--once", "--report", "json")) {
            assertThat(demo.awaitExit(WITHIN)).as(demo.log()).isZero();

            JsonNode report = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(demo.output());
            assertThat(report.get("exitCode").asInt()).isZero();
            assertThat(demo.log()).containsPattern("(?m)^Logging: .*not-a-folder/segment-sync.log")
                    .contains("INFO  Started 1 source: file-drop");
        }
    }

    @Test
    void verboseShowsTheWholeLogOnStderrAndStillOnlyTheReportOnStdout() throws Exception {
        try (RunnerProcess demo = RunnerProcess.startWithOutputApart("verbose", settings(), work,
                "--sandbox", "--once", "--verbose")) {
            assertThat(demo.awaitExit(WITHIN)).as(demo.log()).isZero();

            assertThat(demo.log()).contains("Apache Camel 4.18.0 (ciopulse-segment-sync) started in",
                    "Routes startup", "Started file-drop (file://", "Stopped file-drop");
            assertThat(demo.output()).startsWith("=== CIOPulse segment sync: run report ===")
                    .doesNotContain("Apache Camel");
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.component.properties.environment-variable-mode", "1");
        settings.put("camel.management.port", String.valueOf(RunningSync.freePort()));
        settings.put("camel.server.port", String.valueOf(RunningSync.freePort()));
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        return settings;
    }
}
