package com.ciopulse.segmentsync.faults;

import com.ciopulse.segmentsync.runner.SyncRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The operator's recovery: {@code --dead-letters replay} of the standalone runner, run in this JVM with its settings
 * as -D system properties (removed again afterwards).
 */
final class DeadLetterReplay {

    record Result(int exit, String output) {
    }

    private DeadLetterReplay() {
    }

    static Result run(Map<String, String> settings) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        settings.forEach(System::setProperty);
        try {
            int exit = new SyncRunner(print, print).run("--dead-letters", "replay");
            return new Result(exit, output.toString(StandardCharsets.UTF_8));
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
