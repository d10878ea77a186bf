package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.segment.SanitizedValue;

/**
 * A value of a file's record that was sent otherwise than the file held it, as the file's result lists it. Both
 * values are printable: a control character shows as {@code <U+0009>}.
 *
 * @param record   the record's position in the file (the header row does not count)
 * @param line     the line where it starts
 * @param systemId the record's system id
 * @param field    the field that was changed
 * @param before   the value in the file
 * @param after    the value sent; null when nothing was left of it and the field was left out
 */
record SanitizedRow(int record, long line, String systemId, String field, String before, String after) {

    static SanitizedRow of(int record, long line, String systemId, SanitizedValue value) {
        return new SanitizedRow(record, line, systemId, value.field(), value.printableBefore(),
                value.after() == null ? null : value.printableAfter());
    }
}
