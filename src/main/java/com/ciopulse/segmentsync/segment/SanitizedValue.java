package com.ciopulse.segmentsync.segment;

import java.util.Objects;

/**
 * One value the sync changed before sending it: the field, the value as the source held it and the value sent.
 * Reports show both {@linkplain #printableBefore() printable}, so a tab or a line break is visible as
 * {@code <U+0009>} and cannot forge a log line.
 *
 * @param field  the API field, e.g. {@code segment_name}
 * @param before the value as the source supplied it
 * @param after  the value sent, or {@code null} when nothing was left of it and the field was left out
 */
public record SanitizedValue(String field, String before, String after) {

    public SanitizedValue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
    }

    /** The source's value, controls shown as {@code <U+0009>}. */
    public String printableBefore() {
        return TextChars.printable(before);
    }

    /** The value sent, controls shown as {@code <U+0009>}; empty when the field was left out. */
    public String printableAfter() {
        return after == null ? "" : TextChars.printable(after);
    }

    /** {@code segment_name 'Tab<U+0009>here' -> 'Tab here'}; a value nothing was left of reads {@code -> (left out)}. */
    @Override
    public String toString() {
        return field + " '" + printableBefore() + "' -> " + (after == null ? "(left out)" : "'" + printableAfter() + "'");
    }
}
