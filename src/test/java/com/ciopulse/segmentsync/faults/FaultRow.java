package com.ciopulse.segmentsync.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One row of the fault table: what became of the source file's records under one fault, counted when the sync had
 * dealt with it (the file acknowledged), before dead letters were replayed.
 *
 * @param fault         the fault, as the issue names it
 * @param injected      what exactly was injected, and when
 * @param in            records in the source file
 * @param acknowledged  records of files moved to done with a result that gives each of them an outcome
 * @param deadLettered  open dead letters of the source
 * @param lost          source records neither in the sandbox with the source's values, nor dead-lettered, nor
 *                      reported with a final outcome in a result
 * @param calls         requests the sandbox received (every attempt, probe and conflict lookup)
 * @param wall          from the file's drop to its acknowledgement
 * @param replayed      dead letters replayed for the recovery
 */
record FaultRow(String fault, String injected, int in, int acknowledged, int deadLettered, int lost, int calls,
                Duration wall, int replayed) {

    static final String HEADER = "| fault | injected | in | acknowledged | dead-lettered | lost | calls | wall time"
            + " | replayed to recover |";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|";

    FaultRow withReplayed(int count) {
        return new FaultRow(fault, injected, in, acknowledged, deadLettered, lost, calls, wall, count);
    }

    /** A count as the table shows it: 2,000. */
    static String count(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    String markdown() {
        return String.join(" | ", List.of("| " + fault, injected, count(in), count(acknowledged),
                count(deadLettered), count(lost), count(calls),
                String.format(Locale.ROOT, "%.1f s", wall.toMillis() / 1000.0), count(replayed) + " |"));
    }
}
