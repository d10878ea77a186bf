package com.ciopulse.segmentsync.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of a dry run: every segment a source hands over, one JSON line each in a file per source
 * ({@code <directory>/dry-run-<UTC time>-<source>.jsonl}), with the counts per action and the first few writes for
 * the run report. The console never gets a line per record. The pipeline writes a record's line as its outcome is
 * decided, a reconcile writes its whole plan; either way one writer. Thread-safe.
 */
public class DryRunPlan implements AutoCloseable {

    /** The run report shows this many of a source's writes; the file has all of them. */
    public static final int SHOWN_CHANGES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DryRunPlan.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Not a dry run: nothing is planned, no file is made. */
    public static final DryRunPlan OFF = new DryRunPlan(null, Clock.systemUTC());

    private final Path directory;
    private final String stamp;
    private final Map<String, SourcePlan> bySource = new TreeMap<>();

    /** @param directory where the plan files go; made when the first line is written */
    public DryRunPlan(Path directory, Clock clock) {
        this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
        this.stamp = STAMP.format(clock.instant());
    }

    /** Whether this is a dry run's plan (false for {@link #OFF}). */
    public boolean enabled() {
        return directory != null;
    }

    public void add(PlannedChange change) {
        if (!enabled()) {
            return;
        }
        SourcePlan plan;
        synchronized (bySource) {
            plan = bySource.computeIfAbsent(change.source(), this::open);
        }
        plan.add(change);
    }

    /** Per source, what it planned so far; the files are flushed first, so they hold every line counted. */
    public Map<String, PlanSummary> summaries() {
        Map<String, PlanSummary> summaries = new TreeMap<>();
        synchronized (bySource) {
            bySource.forEach((source, plan) -> summaries.put(source, plan.summary()));
        }
        return summaries;
    }

    @Override
    public void close() {
        synchronized (bySource) {
            bySource.values().forEach(SourcePlan::close);
        }
    }

    private SourcePlan open(String source) {
        Path file = directory.resolve("dry-run-" + stamp + "-" + source.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
        try {
            Files.createDirectories(directory);
            SourcePlan plan = new SourcePlan(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            LOG.info("Dry run: the plan of source '{}' goes to {}", source, file);
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dry run's plan to " + file + " (setting "
                    + "sync.dry-run.plan-directory): " + e.getMessage(), e);
        }
    }

    /** One source's file, counts and first writes. */
    private static final class SourcePlan {

        private final Path file;
        private final BufferedWriter writer;
        private final Map<PlanAction, Long> counts = new EnumMap<>(PlanAction.class);
        private final List<String> firstChanges = new ArrayList<>();
        private boolean closed;

        SourcePlan(Path file, BufferedWriter writer) {
            this.file = file;
            this.writer = writer;
        }

        synchronized void add(PlannedChange change) {
            try {
                writer.write(line(change));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dry run's plan to " + file + ": " + e.getMessage(), e);
            }
            counts.merge(change.action(), 1L, Long::sum);
            if (change.action().writes() && firstChanges.size() < SHOWN_CHANGES) {
                firstChanges.add(change.toString());
            }
        }

        synchronized PlanSummary summary() {
            flush();
            Map<String, Long> labels = new LinkedHashMap<>();
            counts.forEach((action, n) -> labels.put(action.label(), n));
            return new PlanSummary(file, labels, List.copyOf(firstChanges));
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close the dry run's plan " + file, e);
                }
            }
        }

        private void flush() {
            if (!closed) {
                try {
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the dry run's plan to " + file, e);
                }
            }
        }

        private static String line(PlannedChange change) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("systemId", change.systemId());
            line.put("segmentCode", change.segmentCode());
            line.put("action", change.action().label());
            Map<String, Object> changes = new LinkedHashMap<>();
            change.changes().forEach((field, value) -> {
                Map<String, String> fromTo = new LinkedHashMap<>();
                fromTo.put("from", value.from());
                fromTo.put("to", value.to());
                changes.put(field, fromTo);
            });
            line.put("changes", changes);
            line.put("source", change.source());
            line.put("location", change.location());
            if (!change.notes().isEmpty()) {
                line.put("notes", change.notes());
            }
            if (change.reason() != null) {
                line.put("reason", change.reason());
            }
            try {
                return JSON.writeValueAsString(line);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a plan line could not be written as JSON", e);
            }
        }
    }
}
