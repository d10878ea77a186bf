package com.ciopulse.segmentsync.source.file;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads the records of one file, one at a time, so memory stays flat whatever the file's size. */
abstract class RowReader implements Iterator<SourceRow>, Closeable {

    private SourceRow next;
    private boolean exhausted;

    /** Reads the next record; null at the end of the file. */
    protected abstract SourceRow readRow();

    /** After this, the reader says it has no more records (the rest of the file cannot be read). */
    protected void stop() {
        exhausted = true;
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
