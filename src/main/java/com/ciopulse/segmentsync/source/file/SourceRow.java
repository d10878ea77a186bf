package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.RecordFields;

/**
 * One record as a dropped file holds it, before mapping.
 *
 * @param ordinal    1-based position among the file's records (the header row does not count)
 * @param line       the line where the record starts
 * @param ref        how reports and dead letters name the record: {@code units.csv:12}, {@code units.json:3 item 2}
 * @param fields     its columns or JSON fields; for an unreadable row those that could be read (a CSV row with
 *                   the wrong number of values, or the values before a broken one), else null
 * @param unreadable why it could not be read (a broken quote, a wrong number of values, not JSON); null if it was
 */
record SourceRow(int ordinal, long line, String ref, RecordFields fields, String unreadable) {

    static SourceRow readable(int ordinal, long line, String ref, RecordFields fields) {
        return new SourceRow(ordinal, line, ref, fields, null);
    }

    static SourceRow unreadable(int ordinal, long line, String ref, String reason) {
        return new SourceRow(ordinal, line, ref, null, reason);
    }

    /** An unreadable row of which some fields could be read, so its report can name its system id. */
    static SourceRow unreadable(int ordinal, long line, String ref, RecordFields readSoFar, String reason) {
        return new SourceRow(ordinal, line, ref, readSoFar, reason);
    }
}
