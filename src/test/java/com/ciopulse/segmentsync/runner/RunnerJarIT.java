package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped runner jar as the README starts it, {@code java -jar target/ciopulse-segment-sync.jar ...}: the jar
 * relaunches itself with the class-data sharing archive the build wrote beside it ({@link SharedArchiveLaunch}), and
 * what a user and a script see must not change for it: the report alone on stdout, the exit code of the run, a
 * SIGTERM that stops gracefully with 143. Run by failsafe after the package phase, when the jar and its archive exist.
 */
class RunnerJarIT {

    static final Path JAR = Path.of(System.getProperty("runner.jar", "target/ciopulse-segment-sync.jar")).toAbsolutePath();
    static final Path ARCHIVE = JAR.resolveSibling("ciopulse-segment-sync.jsa");
    static final Duration WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @BeforeEach
    void aWorkingDirectoryWithTheProjectsConfig() throws IOException {
        assertThat(JAR).as("the runner jar; run by failsafe after package").isRegularFile();
        Path config = Path.of("config").toAbsolutePath();
        try (Stream<Path> files = Files.walk(config)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, work.resolve("config").resolve(config.relativize(file).toString()));
            }
        }
    }

    @Test
    void theReadmesFirstCommandPrintsItsReportOnStdoutAndExitsZero() throws Exception {
        Process runner = start("--sandbox", "--once");

        assertThat(runner.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(runner.exitValue()).as(stderr()).isZero();
        List<String> report = Files.readAllLines(work.resolve("stdout.txt"));
        assertThat(report.get(0)).isEqualTo("=== CIOPulse segment sync: run report ===");
        assertThat(report).contains("file-drop                created 8; sanitized 2")
                .last().isEqualTo("Exit 0: every source read to the end, every record synced");
        assertThat(stderr()).startsWith("Sandbox of the Segments API listening on http://127.0.0.1:")
                .contains("INFO  Started 1 source: file-drop");
    }

    @Test
    void aSourceThatCannotBeReadExitsTwoThroughTheLauncher() throws Exception {
        Path drop = work.resolve("config/demo");
        try (Stream<Path> files = Files.walk(drop)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
        Files.writeString(drop, "not a folder");

        Process runner = start("--sandbox", "--once");

        assertThat(runner.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(runner.exitValue()).as(stderr()).isEqualTo(2);
        assertThat(Files.readAllLines(work.resolve("stdout.txt"))).last().asString().startsWith("Exit 2:");
    }

    @Test
    void theRunnerRunsWithTheArchiveAndASigtermToTheLauncherStopsItGracefully() throws Exception {
        assumeThat(ARCHIVE).as("the class-data sharing archive (not written with -Dcds.skip=true)").isRegularFile();
        Process launcher = start("--sandbox");
        await().atMost(WITHIN).until(() -> stderr().contains("Started 1 source: file-drop"));

        List<ProcessHandle> children = launcher.toHandle().children().toList();
        assertThat(children).as("the runner relaunched as a child JVM").hasSize(1);
        assertThat(children.get(0).info().arguments().map(List::of).orElse(List.of()))
                .as("its command line").anyMatch(argument -> argument.equals("-XX:SharedArchiveFile=" + ARCHIVE));

        launcher.destroy(); // SIGTERM, as systemd or a shell's kill sends it

        assertThat(launcher.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(launcher.exitValue()).as(stderr()).isEqualTo(143);
        assertThat(stderr()).contains("stopping gracefully");
        await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void theArchiveServesTheJarFromAnyWorkingDirectory() throws Exception {
        assumeThat(ARCHIVE).as("the class-data sharing archive (not written with -Dcds.skip=true)").isRegularFile();
        // -Xshare:on fails rather than starting without the archive, which the runner's child does quietly
        Process strict = new ProcessBuilder(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar",
                JAR.toString(), "--version").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("stderr.txt").toFile()).start();

        assertThat(strict.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(strict.exitValue()).as(stderr()).isZero();
        assertThat(stderr()).startsWith("ciopulse-segment-sync ");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(),
                // free ports: other runners and tests may hold the default ones
                "-Dcamel.server.port=0", "-Dcamel.management.port=0", "-jar", JAR.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(work.resolve("stderr.txt").toFile());
        // a developer's own settings and credentials must not reach the run
        builder.environment().keySet().removeIf(name -> name.startsWith("SYNC_") || name.startsWith("CIOPULSE_"));
        return builder.start();
    }

    private String stderr() throws IOException {
        Path file = work.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
