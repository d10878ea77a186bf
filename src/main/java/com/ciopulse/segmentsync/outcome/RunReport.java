package com.ciopulse.segmentsync.outcome;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The run report: counts per source and outcome, the records that did not succeed with their reasons, and
 * how long the run took. Printed by the runner after {@code --once}.
 */
public record RunReport(Map<String, Map<Outcome, Long>> countsBySource, List<SegmentOutcome> failures,
                        List<String> notes, long deadLettered, boolean halted, boolean stopped, Duration duration) {

    /**
     * Exit status of a {@code --once} run: 0 all succeeded, 1 something was dead-lettered or a reconcile was
     * stopped by its guard, 2 halted (401).
     */
    public int exitCode() {
        if (halted) {
            return 2;
        }
        return deadLettered > 0 || stopped ? 1 : 0;
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
        if (countsBySource.isEmpty()) {
            text.append("No records were pending in any source.\n");
        }
        countsBySource.forEach((source, counts) -> text.append(String.format("%-24s %s%n", source, describe(counts))));
        if (countsBySource.size() > 1) {
            text.append(String.format("%-24s %s%n", "total", describe(totals())));
        }
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
        text.append(String.format("Duration: %.1f s%n", duration.toMillis() / 1000.0));
        return text.toString();
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
}
