package com.ciopulse.segmentsync.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A file that a test makes immutable ({@code chattr +i}) and writable again: a write fails even through a file
 * descriptor opened before, even for root, so a process holding the file open (H2 with its database) meets a real
 * write error, as on a full or failing disk. Needs root and a file system with the immutable flag (ext4, xfs,
 * btrfs); elsewhere the test is skipped with that reason. {@link #close()} makes it writable again, so that the
 * test's folder can be deleted.
 */
public final class ImmutableFile implements AutoCloseable {

    private final Path file;
    private boolean immutable;

    private ImmutableFile(Path file) {
        this.file = file;
    }

    /** The file, which must exist; skips the test where {@code chattr +i} is not available or has no effect. */
    public static ImmutableFile of(Path file) {
        ImmutableFile immutableFile = new ImmutableFile(file);
        Path probe = file.resolveSibling(file.getFileName() + ".immutable-probe");
        try {
            Files.writeString(probe, "probe");
            String output = chattr("+i", probe);
            boolean stopsWrites = output.isEmpty() && !Files.isWritable(probe);
            String undo = chattr("-i", probe);
            Files.deleteIfExists(probe);
            assumeTrue(stopsWrites && undo.isEmpty(), "needs 'chattr +i' to make a file unwritable (root, on a file"
                    + " system with the immutable flag such as ext4); got: " + (output.isEmpty() ? "a file still "
                    + "writable" : output) + ". chmod does not stop root, and no read-only bind mount is available");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot probe chattr in " + file.getParent(), e);
        }
        return immutableFile;
    }

    /** Refuses every write from now on, through open file descriptors too. */
    public void makeImmutable() {
        String output = chattr("+i", file);
        if (!output.isEmpty()) {
            throw new IllegalStateException("chattr +i " + file + " failed: " + output);
        }
        immutable = true;
    }

    /** Takes writes again. */
    public void makeWritable() {
        String output = chattr("-i", file);
        if (!output.isEmpty()) {
            throw new IllegalStateException("chattr -i " + file + " failed: " + output);
        }
        immutable = false;
    }

    @Override
    public void close() {
        if (immutable) {
            makeWritable();
        }
    }

    /** Runs chattr; the empty string when it succeeded, else what it said (or why it could not run). */
    private static String chattr(String flag, Path file) {
        try {
            Process process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "chattr did not end within 10 s";
            }
            return process.exitValue() == 0 ? "" : output + " (exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return "cannot run chattr: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
