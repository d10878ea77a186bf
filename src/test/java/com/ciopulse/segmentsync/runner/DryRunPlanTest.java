package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dry-run} of a large file: the console shows a summary, the whole plan goes to a file. */
class DryRunPlanTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path work;
    SegmentsSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDryRunOfTwoHundredThousandRowsPrintsASummaryAndWritesEveryRowToThePlanFile() throws Exception {
        Path drop = Files.createDirectories(work.resolve("drop"));
        Path plans = work.resolve("data").resolve("plans");
        try (BufferedWriter file = Files.newBufferedWriter(drop.resolve("units.csv"), StandardCharsets.UTF_8)) {
            file.write("system_id,segment_code,segment_name,active\n");
            for (int i = 1; i <= ROWS; i++) {
                file.write("BU-" + i + ",C" + i + ",Unit " + i + ",y\n");
            }
        }
        Map<String, String> settings = RunnerSettings.against(sandbox, drop);
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        

        String console;
        try (RunnerProcess runner = RunnerProcess.start("dry-run", settings, work, "--once", "--dry-run")) {
            assertThat(runner.awaitExit(Duration.ofMinutes(8))).as(tail(runner.log())).isZero();
            console = runner.log();
        }

        assertThat(console.lines().count()).as(tail(console)).isLessThan(100);
        Matcher planned = Pattern.compile("file-drop plan: create-or-update " + ROWS + "\\R").matcher(console);
        assertThat(planned.find()).as(console).isTrue();
        Matcher written = Pattern.compile("whole plan: (\\S+\\.jsonl)").matcher(console);
        assertThat(written.find()).as(console).isTrue();
        Path planFile = Path.of(written.group(1));
        assertThat(planFile).isAbsolute().startsWith(plans);
        try (Stream<String> lines = Files.lines(planFile)) {
            assertThat(lines.count()).isEqualTo(ROWS);
        }
        JsonNode first = new ObjectMapper().readTree(Files.newBufferedReader(planFile).readLine());
        assertThat(first.get("action").asText()).isEqualTo("create-or-update");
        assertThat(first.get("source").asText()).isEqualTo("file-drop");
        assertThat(first.get("location").asText()).matches("units\\.csv:\\d+");
        assertThat(first.at("/changes/segment_code/to").asText()).startsWith("C");
        List<RecordedRequest> requests = sandbox.requests();
        assertThat(requests).as("nothing but reads reaches the API").allMatch(request -> request.method().equals("GET"));
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(0, 2000) + "\n...\n" + log.substring(log.length() - 2000);
    }
}
