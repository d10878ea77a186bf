package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on the same state store, as a dead-letter command is beside a running runner. The parent test
 * starts it with {@link #run}; its {@link #main} opens the store and does one command.
 */
final class OtherProcess {

    /** Adds one dead letter, prints its id, then dies at once: no shutdown hook, no closing of the store. */
    static final String ADD_THEN_DIE = "add-then-die";
    /** Prints the number of open dead letters, then adds one and prints its id. */
    static final String COUNT_THEN_ADD = "count-then-add";

    // marks the lines that hold results among the log lines of the other process
    private static final String RESULT = "RESULT ";
    private static final String PASSWORD_ENV = "STATE_STORE_PASSWORD"; // not an argument: those show in ps

    private OtherProcess() {
    }

    /** Runs {@code command} in a new JVM on the store; returns the results it printed, in order. */
    static List<String> run(StateStoreSettings settings, String command) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile("other-process", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    OtherProcess.class.getName(), command, settings.jdbcUrl(), settings.user())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put(PASSWORD_ENV, settings.password());
            Process process = builder.start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (!exited || process.exitValue() != 0) {
                throw new IllegalStateException("other process failed on '" + command + "':\n" + String.join("\n", lines));
            }
            return lines.stream()
                    .filter(line -> line.startsWith(RESULT))
                    .map(line -> line.substring(RESULT.length()))
                    .toList();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static void main(String[] args) {
        StateStoreSettings settings = new StateStoreSettings(args[1], args[2], System.getenv(PASSWORD_ENV), 1);
        StateStore store = StateStore.open(settings);
        DeadLetterStore deadLetters = new DeadLetterStore(store.dataSource());
        if (COUNT_THEN_ADD.equals(args[0])) {
            System.out.println(RESULT + deadLetters.countOpen());
        }
        System.out.println(RESULT + deadLetters.add(entry(args[0])).id());
        System.out.flush();
        if (ADD_THEN_DIE.equals(args[0])) {
            Runtime.getRuntime().halt(0);
        }
        store.close();
    }

    private static DeadLetter entry(String command) {
        return DeadLetter.of("other-process", command, "OP-1", SegmentAction.DELETE, null, 0,
                Outcome.FAILED, "added by " + command, 1, Instant.now());
    }
}
