package com.ciopulse.segmentsync.source.jdbc;

import java.util.HashSet;
import java.util.Set;

/**
 * The rows near the watermark that this source already handed over and got outcomes for. Each poll reads them
 * again (at or after the watermark, less the overlap), but sending them again would only cost a state-store
 * lookup per row and record a run in the history for every poll; so a row is left out while it is here with the
 * same content and watermark. A row changed in any way is a different row and is sent. Kept in memory only: after
 * a restart they are sent once more and end unchanged (change detection).
 */
final class HandedOverRows {

    private final Set<PolledRow> rows = new HashSet<>();

    boolean contains(PolledRow row) {
        return rows.contains(row);
    }

    /** Remembers the rows of a poll whose outcomes came back, and forgets those no poll reads any more. */
    void add(PolledRows polled, Watermark lowestReadNext) {
        polled.rows().stream().filter(row -> row.mark() != null).forEach(rows::add);
        if (lowestReadNext != null) {
            rows.removeIf(row -> row.mark().isBefore(lowestReadNext));
        }
    }

    int size() {
        return rows.size();
    }
}
