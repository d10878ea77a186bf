package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.control.SourceStates.SourceState;
import com.ciopulse.segmentsync.control.SourceStates.Status;
import com.ciopulse.segmentsync.plan.PlanSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run report: what became of each source (read to the end, not read, cut short), counts per source and
 * outcome, the records that did not succeed with their reasons, and how long the run took. Printed by the runner
 * after {@code --once}; its exit code accounts for every source and every record.
 *
 * @param sources     the state each source that polled ended in (a user's own route reports none)
 * @param interrupted the run was stopped (a signal) before every source was read to the end
 * @param sanitizedBySource per source, how many records were sent with values changed from what it supplied
 * @param inputsBySource what each source read beyond its records' outcomes, by label: {@value #FILES},
 *                       {@value #HEADER_ONLY}, {@value #NO_RECORDS}, {@value #SUPERSEDED}, {@value #FILE_WARNINGS}
 * @param plans       a dry run's plan per source: counts per action, first writes, the plan file
 */
public record RunReport(Map<String, Map<Outcome, Long>> countsBySource, List<SegmentOutcome> failures,
                        List<String> notes, long deadLettered, boolean halted, boolean stopped,
                        Map<String, SourceState> sources, boolean interrupted, Duration duration,
                        Map<String, Long> sanitizedBySource, Map<String, Map<String, Long>> inputsBySource,
                        Map<String, PlanSummary> plans) {

    /** Files a source took. */
    public static final String FILES = "files";
    /** Files with a header row and no record. */
    public static final String HEADER_ONLY = "header-only";
    /** Files without records and without a header (an empty JSON array). */
    public static final String NO_RECORDS = "no-records";
    /** Rows a later row of the same file gave again (the last row wins): not sent, listed in the file's result. */
    public static final String SUPERSEDED = "superseded";
    /** Warnings about a file as a whole (a missing optional column, bytes not valid in the charset, no records). */
    public static final String FILE_WARNINGS = "file-warnings";

    public RunReport {
        sanitizedBySource = sanitizedBySource == null ? Map.of() : sanitizedBySource;
        inputsBySource = inputsBySource == null ? Map.of() : inputsBySource;
        plans = plans == null ? Map.of() : plans;
    }

    public RunReport(Map<String, Map<Outcome, Long>> countsBySource, List<SegmentOutcome> failures,
                     List<String> notes, long deadLettered, boolean halted, boolean stopped,
                     Map<String, SourceState> sources, boolean interrupted, Duration duration,
                     Map<String, Long> sanitizedBySource, Map<String, Map<String, Long>> inputsBySource) {
        this(countsBySource, failures, notes, deadLettered, halted, stopped, sources, interrupted, duration,
                sanitizedBySource, inputsBySource, Map.of());
    }

    /** A report of outcomes alone: no value sanitized, nothing known about what the sources read beyond them. */
    public RunReport(Map<String, Map<Outcome, Long>> countsBySource, List<SegmentOutcome> failures,
                     List<String> notes, long deadLettered, boolean halted, boolean stopped,
                     Map<String, SourceState> sources, boolean interrupted, Duration duration) {
        this(countsBySource, failures, notes, deadLettered, halted, stopped, sources, interrupted, duration, Map.of(),
                Map.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exit 0: every source read to the end and every record succeeded. */
    public static final int ALL_SYNCED = 0;
    /** Exit 1: some records or input need attention; a re-run or a replay continues where this one stopped. */
    public static final int NEEDS_ATTENTION = 1;
    /** Exit 2: fatal, fix something first: credentials refused, configuration, a source that could not be read. */
    public static final int FATAL = 2;

    /** The same report with the states the sources ended in, and whether the run was stopped before its end. */
    public RunReport withSources(Map<String, SourceState> states, boolean wasInterrupted) {
        return new RunReport(countsBySource, failures, notes, deadLettered, halted, stopped, new TreeMap<>(states),
                wasInterrupted, duration, sanitizedBySource, inputsBySource, plans);
    }

    /** The same report with a dry run's plans. */
    public RunReport withPlans(Map<String, PlanSummary> dryRunPlans) {
        return new RunReport(countsBySource, failures, notes, deadLettered, halted, stopped, sources, interrupted,
                duration, sanitizedBySource, inputsBySource, new TreeMap<>(dryRunPlans));
    }

    /**
     * Exit status of a {@code --once} run: {@value #FATAL} when the API refused the credentials or a source could
     * not be read at all; {@value #NEEDS_ATTENTION} when a record was dead-lettered, a reconcile guard stopped, a
     * source was cut short (its input stays pending: open circuit, state store failing) or the run was interrupted;
     * {@value #ALL_SYNCED} only when every source was read to the end and every record succeeded.
     */
    public int exitCode() {
        if (halted || !unreadSources().isEmpty()) {
            return FATAL;
        }
        boolean pending = sources.values().stream().anyMatch(state -> state.status() != Status.READ);
        return deadLettered > 0 || stopped || interrupted || pending ? NEEDS_ATTENTION : ALL_SYNCED;
    }

    /** Why the exit code is what it is, in one line. */
    public String exitReason() {
        if (halted) {
            return "the Segments API refused the credentials (401)";
        }
        List<String> unread = unreadSources();
        if (!unread.isEmpty()) {
            return "not read: " + String.join(", ", unread);
        }
        List<String> reasons = new ArrayList<>();
        if (interrupted) {
            reasons.add("the run was stopped before its end");
        }
        List<String> pending = sources.values().stream().filter(state -> state.status() != Status.READ)
                .map(SourceState::source).toList();
        if (!pending.isEmpty()) {
            reasons.add("input pending in " + String.join(", ", pending));
        }
        if (deadLettered > 0) {
            reasons.add(deadLettered + " dead-lettered");
        }
        if (stopped) {
            reasons.add("a reconcile was stopped by its guard");
        }
        return reasons.isEmpty() ? "every source read to the end, every record synced" : String.join("; ", reasons);
    }

    /** The sources whose system could not be read at all in this run. */
    private List<String> unreadSources() {
        return sources.values().stream().filter(state -> state.status() == Status.FAILING && !state.everRead())
                .map(SourceState::source).toList();
    }

    public Map<Outcome, Long> totals() {
        Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
        countsBySource.values().forEach(counts -> counts.forEach((outcome, n) -> totals.merge(outcome, n, Long::sum)));
        return totals;
    }

    /** The totals keyed by outcome label, as the run history stores them. */
    public Map<String, Long> countsByOutcome() {
        Map<String, Long> byLabel = new java.util.TreeMap<>();
        totals().forEach((outcome, n) -> byLabel.put(outcome.label(), n));
        return byLabel;
    }

    /** Plain text for a terminal or a log file. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("=== CIOPulse segment sync: run report ===\n");
        if (countsBySource.isEmpty() && sources.isEmpty() && inputsBySource.isEmpty()) {
            text.append("No records were pending in any source.\n");
        }
        for (String source : sourceNames()) {
            text.append(String.format("%-24s %s%s%n", source, describe(sources.get(source),
                    countsBySource.getOrDefault(source, Map.of()), inputsBySource.getOrDefault(source, Map.of())),
                    sanitizedCount(source)));
        }
        if (countsBySource.size() > 1) {
            text.append(String.format("%-24s %s%n", "total", describe(totals())));
        }
        if (!sanitizedBySource.isEmpty()) {
            text.append(plans.isEmpty() ? "Sanitized: values sent otherwise than the source supplied them; each one, "
                    + "before and after, is in the log and in a file's .result.json\n"
                    : "Sanitized: values that would be sent otherwise than the source supplied them; each one, before "
                    + "and after, is in the plan file\n");
        }
        plans.forEach((source, plan) -> {
            text.append(source).append(" plan: ").append(plan.countsText()).append('\n');
            plan.firstChanges().forEach(change -> text.append("  ").append(change).append('\n'));
            if (plan.writes() > plan.firstChanges().size()) {
                text.append("  ... and ").append(plan.writes() - plan.firstChanges().size()).append(" more writes\n");
            }
            text.append("  whole plan: ").append(plan.file()).append(" (").append(plural(plan.lines(), "line"))
                    .append(", one per segment)\n");
        });
        notes.forEach(note -> text.append(note.endsWith("\n") ? note : note + "\n"));
        if (!failures.isEmpty()) {
            text.append("Not synced (").append(deadLettered).append(" dead-lettered):\n");
            failures.forEach(failure -> text.append("  - ").append(failure).append('\n'));
            if (failures.size() < deadLettered) {
                text.append("  ... and ").append(deadLettered - failures.size())
                        .append(" more: see --dead-letters list\n");
            }
        }
        if (halted) {
            text.append("HALTED: the Segments API refused the credentials (401); sources were suspended.\n");
        }
        if (interrupted) {
            text.append("INTERRUPTED: the run was stopped before every source was read to the end.\n");
        }
        text.append(String.format("Duration: %.1f s%n", duration.toMillis() / 1000.0));
        text.append("Exit ").append(exitCode()).append(": ").append(exitReason()).append('\n');
        return text.toString();
    }

    /**
     * The report as one JSON document, for scripts ({@code --report json}): the exit code and its reason, per
     * source its state (read, not-read, cut-short, polling; a route of your own that reports none has null), the
     * reason and the counts per outcome, the totals, and the records that did not succeed.
     */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exitCode", exitCode());
        json.put("exitReason", exitReason());
        json.put("halted", halted);
        json.put("interrupted", interrupted);
        json.put("durationSeconds", duration.toMillis() / 1000.0);
        Map<String, Object> bySource = new TreeMap<>();
        for (String source : sourceNames()) {
            SourceState state = sources.get(source);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("state", state == null ? null : state.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            entry.put("reason", state == null ? null : state.reason());
            entry.put("counts", byLabel(countsBySource.getOrDefault(source, Map.of())));
            entry.put("sanitized", sanitizedBySource.getOrDefault(source, 0L));
            PlanSummary plan = plans.get(source);
            if (plan != null) {
                Map<String, Object> planEntry = new LinkedHashMap<>();
                planEntry.put("file", plan.file().toString());
                planEntry.put("counts", plan.counts());
                entry.put("plan", planEntry);
            }
            bySource.put(source, entry);
        }
        json.put("sources", bySource);
        json.put("planFiles", plans.values().stream().map(plan -> plan.file().toString()).toList());
        json.put("totals", countsByOutcome());
        json.put("deadLettered", deadLettered);
        json.put("failures", failures.stream().map(failure -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", failure.source());
            entry.put("sourceRef", failure.sourceRef());
            entry.put("systemId", failure.systemId());
            entry.put("outcome", failure.outcome().label());
            entry.put("status", failure.status());
            entry.put("message", failure.message());
            return entry;
        }).toList());
        json.put("notes", notes);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the run report could not be written as JSON", e);
        }
    }

    /** Every source the report speaks of: with outcomes, with a state, or with input beyond its outcomes. */
    private TreeSet<String> sourceNames() {
        TreeSet<String> names = new TreeSet<>(countsBySource.keySet());
        names.addAll(sources.keySet());
        names.addAll(inputsBySource.keySet());
        names.addAll(plans.keySet());
        return names;
    }

    private static Map<String, Long> byLabel(Map<Outcome, Long> counts) {
        Map<String, Long> labels = new LinkedHashMap<>();
        counts.forEach((outcome, n) -> labels.put(outcome.label(), n));
        return labels;
    }

    private String sanitizedCount(String source) {
        long n = sanitizedBySource.getOrDefault(source, 0L);
        return n == 0 ? "" : "; sanitized " + n;
    }

    /** A source's line: its counts, with what it read beyond them, then its state (when it reports one). */
    private static String describe(SourceState state, Map<Outcome, Long> counts, Map<String, Long> inputs) {
        String countsText = describe(counts, inputs);
        if (state == null) {
            return countsText;
        }
        if (state.status() == Status.READ) {
            return countsText.isEmpty() ? "read to the end, nothing pending" : countsText;
        }
        return countsText.isEmpty() ? state.describe() : countsText + "; " + state.describe();
    }

    private static String describe(Map<Outcome, Long> counts) {
        StringBuilder line = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            long n = counts.getOrDefault(outcome, 0L);
            if (n > 0) {
                line.append(line.length() == 0 ? "" : ", ").append(outcome.label()).append(' ').append(n);
            }
        }
        return line.toString();
    }

    /**
     * The counts, then the rows superseded within their file and the file warnings; files that held no record say
     * so ({@code 1 file, header only, 0 records}) where "nothing pending" would hide that a file was taken.
     */
    private static String describe(Map<Outcome, Long> counts, Map<String, Long> inputs) {
        StringBuilder line = new StringBuilder(describe(counts));
        long superseded = inputs.getOrDefault(SUPERSEDED, 0L);
        if (superseded > 0) {
            line.append(line.length() == 0 ? "" : ", ").append("superseded ").append(superseded);
        }
        long warnings = inputs.getOrDefault(FILE_WARNINGS, 0L);
        long headerOnly = inputs.getOrDefault(HEADER_ONLY, 0L);
        long noRecords = inputs.getOrDefault(NO_RECORDS, 0L);
        long files = inputs.getOrDefault(FILES, 0L);
        if (line.length() == 0 && files > 0 && headerOnly + noRecords == files) {
            // the no-records warnings are said by the line itself
            line.append(plural(files, "file")).append(", ")
                    .append(noRecords == 0 ? "header only" : headerOnly == 0 ? "no records" : "header only or empty")
                    .append(", 0 records");
            warnings -= files;
        }
        if (warnings > 0) {
            line.append(line.length() == 0 ? "" : ", ").append(plural(warnings, "file warning"))
                    .append(" (see the file's .result.json)");
        }
        return line.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
