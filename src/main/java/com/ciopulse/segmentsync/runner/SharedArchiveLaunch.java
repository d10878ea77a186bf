package com.ciopulse.segmentsync.runner;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs the runner with the class-data sharing archive the build writes beside the jar
 * ({@code ciopulse-segment-sync.jsa}): the JVM then maps the classes of the start instead of reading and verifying
 * them from the jar, which halves the start on a small machine. Java 17 takes the archive only as a JVM option
 * ({@code -XX:SharedArchiveFile}), never from the jar's manifest, so {@code java -jar ciopulse-segment-sync.jar ...}
 * starts the runner once more, as a child with the archive and this JVM's own options and arguments, and exits with
 * its status. This JVM does nothing else and loads almost nothing: the relaunch costs about a tenth of what the
 * archive saves.
 *
 * <p>No relaunch when the archive is missing or older than the jar (a JVM refuses a stale archive), when the JVM's
 * command line cannot be read, when the command line already chooses class-data sharing itself (which the child's
 * does), or when {@code sync.cds} (system property) or {@code SYNC_CDS} is {@code false}.
 *
 * <p>Stopping: the child's standard input is a pipe from this JVM, which the runner never reads otherwise. A SIGTERM
 * or SIGINT here writes a byte to it, and the child stops gracefully as on its first signal
 * ({@link StopSignals#watchLauncher}); the child may get the same signal directly as well (Ctrl-C reaches the whole
 * process group, systemd signals every process of the service), which is still one stop. A further signal here is
 * sent on to the child as a SIGTERM, a second signal for it, which stops it at once. Should this JVM be killed, the
 * child sees it gone and stops gracefully rather than running on alone.
 */
final class SharedArchiveLaunch {

    /** {@code false} runs the runner in the JVM that was started, without the archive. */
    static final String ENABLED_PROPERTY = "sync.cds";
    static final String ENABLED_ENV = "SYNC_CDS";
    /** Tells the child that its standard input is this launcher's pipe. */
    static final String LAUNCHER_PROPERTY = "sync.cds.launcher";
    /** The width of the launcher's terminal, which the child cannot ask for through its piped standard input. */
    static final String COLUMNS_PROPERTY = "sync.cds.terminal-columns";
    /** Options by which a command line chooses class-data sharing itself. */
    private static final List<String> OWN_CHOICE = List.of("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-Xshare", "-XX:DumpLoadedClassList", "-XX:SharedClassListFile");

    private SharedArchiveLaunch() {
    }

    /**
     * Runs the runner in a child JVM with the archive, when there is one to use.
     *
     * @return the child's exit status; empty when this JVM is to run the runner itself
     */
    static OptionalInt relaunch() {
        Optional<List<String>> command = childCommand();
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return OptionalInt.empty(); // the runner starts here instead, without the archive
        }
        AtomicInteger signals = new AtomicInteger();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> passOn(child, signals.getAndIncrement() == 0));
            } catch (IllegalArgumentException e) {
                // -Xrs, or not a signal on this OS: the child still stops gracefully when it sees this JVM gone
            }
        }
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // nothing interrupts the main thread on purpose: wait on for the child
            }
        }
    }

    private static void passOn(Process child, boolean first) {
        if (first) {
            try {
                child.getOutputStream().write('\n');
                child.getOutputStream().flush();
            } catch (IOException e) {
                child.destroy();
            }
        } else {
            child.destroy();
        }
    }

    /** The command that runs this JVM's command line again with the archive; empty when there is none to use. */
    static Optional<List<String>> childCommand() {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<Path> archive = archiveBesideJar();
        ProcessHandle.Info self = ProcessHandle.current().info();
        Optional<String> java = self.command();
        Optional<String[]> arguments = self.arguments();
        if (archive.isEmpty() || java.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        for (String argument : arguments.get()) {
            if (OWN_CHOICE.stream().anyMatch(argument::startsWith)) {
                return Optional.empty();
            }
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.add("-XX:SharedArchiveFile=" + archive.get());
        // the JVM's own warnings go to stderr with the log, so that stdout keeps the run report alone; an archive
        // the JVM cannot use (the jar was copied elsewhere since the build: the archive names the jar's path) only
        // costs its gain, which is no reason for a warning on every start
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning,cds*=off:stderr");
        command.add("-D" + LAUNCHER_PROPERTY + "=stdin");
        terminalColumns().ifPresent(columns -> command.add("-D" + COLUMNS_PROPERTY + "=" + columns));
        command.addAll(List.of(arguments.get()));
        return Optional.of(command);
    }

    /** On a terminal, its width as {@code stty size} tells it from this JVM's standard input (the terminal). */
    private static OptionalInt terminalColumns() {
        if (System.console() == null) {
            return OptionalInt.empty();
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(stty.getInputStream().readAllBytes()).trim().split("\\s+");
            return stty.waitFor() == 0 && size.length == 2 ? OptionalInt.of(Integer.parseInt(size[1]))
                    : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static boolean enabled() {
        String setting = System.getProperty(ENABLED_PROPERTY, System.getenv().getOrDefault(ENABLED_ENV, "true"));
        return !"false".equalsIgnoreCase(setting.trim());
    }

    /** The archive beside the jar this class was loaded from, when it is at least as new as the jar. */
    private static Optional<Path> archiveBesideJar() {
        try {
            CodeSource source = SharedArchiveLaunch.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return Optional.empty(); // the classes folder of a development run
            }
            Path archive = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
            if (!Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return Optional.empty();
            }
            return Optional.of(archive);
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
