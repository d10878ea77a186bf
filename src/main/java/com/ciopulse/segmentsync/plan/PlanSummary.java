package com.ciopulse.segmentsync.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a dry run planned for one source, for the run report: the counts per action, the first changes, and the
 * file that holds the whole plan.
 *
 * @param file         the plan file (JSON Lines, one line per segment), absolute
 * @param counts       by action label, how many segments
 * @param firstChanges the first few writes, as the console shows them
 */
public record PlanSummary(Path file, Map<String, Long> counts, List<String> firstChanges) {

    /** How many lines the plan file holds. */
    public long lines() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many of them a real run would write. */
    public long writes() {
        return counts.entrySet().stream().filter(entry -> PlanAction.valueOf(entry.getKey().toUpperCase(
                java.util.Locale.ROOT).replace('-', '_')).writes()).mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code create-or-update 3, unchanged 2}. */
    public String countsText() {
        StringBuilder text = new StringBuilder();
        counts.forEach((action, n) -> text.append(text.length() == 0 ? "" : ", ").append(action).append(' ').append(n));
        return text.length() == 0 ? "nothing" : text.toString();
    }
}
