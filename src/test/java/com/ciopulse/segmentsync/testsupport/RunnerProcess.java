package com.ciopulse.segmentsync.testsupport;

import com.ciopulse.segmentsync.runner.SegmentSyncMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone runner in a JVM of its own, started from the project folder (the shipped config/ and routes/)
 * with this JVM's class path, its settings as -D options, its console output (stdout and stderr) in a file and its
 * log file ({@code sync.log.file}) beside it.
 */
public final class RunnerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Path output;
    private final Path fullLog;
    private final Map<String, String> settings;

    private RunnerProcess(String name, Process process, Path log, Path output, Path fullLog,
                          Map<String, String> settings) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.output = output;
        this.fullLog = fullLog;
        this.settings = Map.copyOf(settings);
    }

    public static RunnerProcess start(String name, Map<String, String> settings, Path logFolder) throws IOException {
        return start(name, settings, logFolder, new String[0]);
    }

    /**
     * The runner with command-line options, e.g. {@code --once}. Settings that add a source (a route template other
     * than the shipped file drop) go to a properties file of their own, read before the shipped one, as a user adds
     * a source; the rest are system properties.
     */
    public static RunnerProcess start(String name, Map<String, String> settings, Path logFolder, String... options)
            throws IOException {
        return launch(name, settings, logFolder, false, options);
    }

    /** The runner with its stdout ({@link #output()}) apart from its stderr ({@link #log()}). */
    public static RunnerProcess startWithOutputApart(String name, Map<String, String> settings, Path logFolder,
                                                     String... options) throws IOException {
        return launch(name, settings, logFolder, true, options);
    }

    private static RunnerProcess launch(String name, Map<String, String> settings, Path logFolder, boolean apart,
                                        String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        List<String> sources = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("camel.route-template[") && !key.startsWith("camel.route-template[file-drop]")) {
                sources.add(key + " = " + value);
            } else {
                command.add("-D" + key + "=" + value);
            }
        });
        Path fullLog = Path.of(settings.getOrDefault("sync.log.file",
                logFolder.resolve(name + "-full.log").toString()));
        if (!settings.containsKey("sync.log.file")) {
            command.add("-Dsync.log.file=" + fullLog);
        }
        command.add(SegmentSyncMain.class.getName());
        command.addAll(List.of(options));
        if (!sources.isEmpty()) {
            Path file = Files.write(logFolder.resolve(name + "-sources.properties"), sources, StandardCharsets.UTF_8);
            command.addAll(List.of("-pl", "file:" + file + ",file:config/application.properties"));
        }
        Path log = logFolder.resolve(name + ".log");
        Path output = apart ? logFolder.resolve(name + ".out") : log;
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(!apart)
                .redirectOutput(output.toFile())
                .redirectError(log.toFile())
                .start();
        return new RunnerProcess(name, process, log, output, fullLog, settings);
    }

    public String name() {
        return name;
    }

    /** A setting it was started with. */
    public String setting(String key) {
        return settings.get(key);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the runner printed on its console so far: stderr, and stdout too unless started with it apart. */
    public String log() {
        return read(log);
    }

    /** What the runner printed on stdout (started with it apart): the run report. */
    public String output() {
        return read(output);
    }

    /** The runner's log file so far: the whole log, the libraries' INFO lines too (empty before it exists). */
    public String fullLog() {
        return Files.exists(fullLog) ? read(fullLog) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the runner to exit by itself.
     *
     * @return its exit status
     * @throws IllegalStateException when it still runs after {@code within}
     */
    public int awaitExit(java.time.Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + within.toSeconds() + " s:\n" + log());
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is released but what the OS releases. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends {@code kill} (SIGTERM) and returns at once: the runner starts its graceful stop. */
    public void signalTerm() {
        process.destroy();
    }

    /** {@code kill} (SIGTERM): Camel Main shuts down gracefully; returns the exit status. */
    public int terminate() throws InterruptedException {
        signalTerm();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
