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
 * with this JVM's class path, its settings as -D options and its output in a log file.
 */
public final class RunnerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Map<String, String> settings;

    private RunnerProcess(String name, Process process, Path log, Map<String, String> settings) {
        this.name = name;
        this.process = process;
        this.log = log;
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
        command.add(SegmentSyncMain.class.getName());
        command.addAll(List.of(options));
        if (!sources.isEmpty()) {
            Path file = Files.write(logFolder.resolve(name + "-sources.properties"), sources, StandardCharsets.UTF_8);
            command.addAll(List.of("-pl", "file:" + file + ",file:config/application.properties"));
        }
        Path log = logFolder.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new RunnerProcess(name, process, log, settings);
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

    /** Everything the runner logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
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
