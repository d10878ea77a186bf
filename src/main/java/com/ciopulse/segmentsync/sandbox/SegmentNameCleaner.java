package com.ciopulse.segmentsync.sandbox;

import java.util.regex.Pattern;

/**
 * What {@code &clean} does to a segment name. The reference only says "invalid characters (e.g. em dashes or
 * colons) will be replaced with hyphens"; the sandbox defines the valid ones as: letters of any script (with
 * their combining marks), decimal digits, the plain space and {@code - _ . , ' & ( ) /}. Every other character
 * (em and en dash, colon, tab, no-break space, emoji, ...) becomes one hyphen each; nothing is collapsed.
 */
final class SegmentNameCleaner {

    /** Matches one code point outside the valid set (Java regex treats a surrogate pair as one). */
    private static final Pattern INVALID = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd} _.,'&()/-]");

    private SegmentNameCleaner() {
    }

    static String clean(String name) {
        return INVALID.matcher(name).replaceAll("-");
    }
}
