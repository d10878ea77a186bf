package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in a real terminal (a tmux pane, read as a person sees it): the running batch is one progress bar
 * redrawn in place, with its count growing, log lines appear above it whole, and the bar is gone when the report
 * comes. tmux must be installed ({@code .ci/run} installs it); without it the test is skipped, on CI it fails.
 */
class ProgressBarTerminalTest {

    static final int RECORDS = 3000;
    /** Every answer waits this long: with 4 calls in flight the run lasts some seconds however fast the machine. */
    static final Duration LATENCY = Duration.ofMillis(6);
    static final Pattern BAR = Pattern.compile("^file-drop +\\d+% \\[[=> ]*\\] +(\\d+)/" + RECORDS + " records");
    static final Pattern WARNING = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d WARN  Segments API: PUT of system_id '[^']+'"
            + " answered HTTP 503.*retrying in \\d+ ms");

    @TempDir
    Path work;
    SegmentsSandbox sandbox;
    DropFolder drop;
    final String server = "segment-sync-test-" + ProcessHandle.current().pid();

    @BeforeEach
    void start() throws Exception {
        requireTmux();
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        sandbox.faults().latency(LATENCY);
        drop = new DropFolder(Files.createDirectories(work.resolve("drop")));
    }

    @AfterEach
    void stop() throws Exception {
        if (sandbox != null) {
            tmux("kill-server");
            sandbox.close();
        }
    }

    @Test
    void theRunningBatchIsOneBarRedrawnInPlaceWithTheLogAboveIt() throws Exception {
        drop.write("units.csv", "system_id,segment_code,segment_name\n" + IntStream.rangeClosed(1, RECORDS)
                .mapToObj(i -> "BU-" + i + ",C" + i + ",Unit " + i + "\n").collect(Collectors.joining()));
        Map<String, String> settings = RunnerSettings.against(sandbox, drop.dir());
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        settings.put("sync.log.file", work.resolve("full.log").toString());
        // off a terminal these lines would come every second; on it the bar stands in for them
        settings.put("sync.progress.interval-seconds", "1");
        Path script = runnerScript(settings);

        tmux("new-session", "-d", "-s", "runner", "-x", "120", "-y", "40", "bash " + script);
        List<String> screens = new CopyOnWriteArrayList<>();
        AtomicReference<String> screen = new AtomicReference<>("");
        AtomicBoolean warned = new AtomicBoolean();
        await("the runner ends").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            // -J: a line longer than the pane is one line, as it was printed
            String seen = tmux("capture-pane", "-p", "-J", "-t", "runner");
            screen.set(seen);
            if (BAR.matcher(lastLine(seen)).find()) {
                screens.add(seen);
                if (done(seen) > RECORDS / 4 && warned.compareAndSet(false, true)) {
                    // two answers fail: their retry warnings are logged while the bar is shown
                    sandbox.faults().failNext(2, 503);
                }
            }
            return seen.contains("EXIT ");
        });
        assertThat(screen.get()).contains("EXIT 0");

        assertThat(screens).as("the bar was seen while the batch ran").hasSizeGreaterThanOrEqualTo(3);
        for (String seen : screens) {
            assertThat(seen.lines().filter(line -> BAR.matcher(line).find()))
                    .as("one bar line, redrawn in place:\n" + seen).hasSize(1);
        }
        List<Long> counts = screens.stream().map(ProgressBarTerminalTest::done).toList();
        assertThat(counts).as("the bar's count only grows").isSortedAccordingTo(Long::compare);
        assertThat(counts.get(counts.size() - 1)).as("and it grew").isGreaterThan(counts.get(0));

        List<String> end = screen.get().lines().toList();
        assertThat(end).as("the bar is gone when the report comes:\n" + screen.get())
                .noneMatch(line -> BAR.matcher(line).find())
                .anyMatch(line -> line.startsWith("file-drop                created " + RECORDS))
                .noneMatch(line -> line.contains(" of " + RECORDS + " records ("));
        assertThat(end.stream().filter(line -> line.contains("answered HTTP 503")))
                .as("each warning printed above the bar whole, on a line of its own:\n" + screen.get())
                .hasSize(2).allMatch(line -> WARNING.matcher(line).find());
        assertThat(Files.readString(work.resolve("full.log"), StandardCharsets.UTF_8))
                .as("the periodic progress lines still go to the log file").contains(" of " + RECORDS + " records (");
    }

    private static long done(String screen) {
        Matcher bar = BAR.matcher(lastLine(screen));
        return bar.find() ? Long.parseLong(bar.group(1)) : -1;
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The runner as a person starts it in the terminal, then the exit status, kept on the screen to be read. */
    private Path runnerScript(Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(SegmentSyncMain.class.getName(), "--once"));
        String line = command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Path script = work.resolve("run.sh");
        Files.writeString(script, "cd '" + Path.of("").toAbsolutePath() + "'\n" + line
                + "\necho \"EXIT $?\"\nsleep 600\n");
        return script;
    }

    /** tmux on a server of this test's own, so that nothing of a person's tmux is touched. */
    private String tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static void requireTmux() {
        boolean installed;
        try {
            installed = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        if (!installed) {
            String why = "tmux is not installed: the progress bar is seen only in a real terminal, which this test"
                    + " drives with tmux (apt-get install tmux; .ci/run installs it)";
            if (Boolean.parseBoolean(System.getenv("CI_REQUIRE_TMUX"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }
}
