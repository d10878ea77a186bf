package com.ciopulse.segmentsync.source.file;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads the records of one file, one at a time, so memory stays flat whatever the file's size. */
abstract class RowReader implements Iterator<SourceRow>, Closeable {

    private SourceRow next;
    private boolean exhausted;
    private String malformed;

    /** Reads the next record; null at the end of the file. */
    protected abstract SourceRow readRow();

    /** After this, the reader says it has no more records (the rest of the file cannot be read). */
    protected void stop() {
        exhausted = true;
    }

    /**
     * The file is not well-formed as a whole (it ends inside a record, a quote never closes, ...): reading stops,
     * and the file must not be synced at all, since what follows the fault cannot be read.
     *
     * @param reason where and what, e.g. {@code line 4 (record 3): ...}
     */
    protected void malformed(String reason) {
        malformed = reason;
        stop();
    }

    /** Why the file is not well-formed as a whole; null while it is (as far as it was read). */
    String malformed() {
        return malformed;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            next = readRow();
            if (next == null) {
                exhausted = true;
            }
        }
        return next != null;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRow row = next;
        next = null;
        return row;
    }
}
