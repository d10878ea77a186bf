package com.ciopulse.segmentsync.source;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows near the watermark that a polling source already handed over and got outcomes for. Each poll reads them
 * again (at or after the watermark, less the overlap), but sending them again would only cost a state-store
 * lookup per row and record a run in the history for every poll; so a row is left out while it is here with the
 * same content and watermark. A row changed in any way is a different row and is sent. Kept in memory only: after
 * a restart they are sent once more and end unchanged (change detection).
 *
 * @param <R> a row: its record and its watermark, compared by value
 * @param <M> the watermark of a row
 */
public final class HandedOverRows<R, M> {

    /** Whether a row's watermark lies before the lowest one the next poll reads. */
    public interface Before<M> {
        boolean isBefore(M mark, M lowestReadNext);
    }

    private final Set<R> rows = new HashSet<>();
    private final Function<R, M> markOf;
    private final Before<M> before;

    public HandedOverRows(Function<R, M> markOf, Before<M> before) {
        this.markOf = markOf;
        this.before = before;
    }

    public boolean contains(R row) {
        return rows.contains(row);
    }

    /**
     * Remembers the rows of a poll whose outcomes came back (those with a watermark: a row without one is read by
     * the first poll only), and forgets those no poll reads any more.
     */
    public void add(Collection<R> handedOver, M lowestReadNext) {
        handedOver.stream().filter(row -> markOf.apply(row) != null).forEach(rows::add);
        if (lowestReadNext != null) {
            rows.removeIf(row -> before.isBefore(markOf.apply(row), lowestReadNext));
        }
    }

    public int size() {
        return rows.size();
    }
}
