package com.ciopulse.segmentsync.sandbox;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters the reference calls invalid in a segment name, and what {@code &clean} does with them. The
 * reference says only "invalid characters in the segment_name (e.g. em dashes or colons) will be replaced with
 * hyphens". The sandbox takes exactly the two kinds it names, and no more: a stricter sandbox would invent
 * refusals, a laxer one would accept what the API may refuse. The set:
 * <ul>
 *   <li>every dash other than the hyphen-minus {@code -}: the Unicode category Pd (dash punctuation) without
 *       U+002D, e.g. U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2013 en dash, U+2014 em dash,
 *       U+2015 horizontal bar, U+2E3A two-em dash, U+FE58 small em dash, U+FF0D fullwidth hyphen-minus;</li>
 *   <li>the colon U+003A and its presentation forms U+FE13, U+FE55 and U+FF1A (fullwidth colon).</li>
 * </ul>
 * Without {@code &clean} a name holding one is refused (400, naming the first); with it each becomes one hyphen.
 */
final class SegmentNameCleaner {

    /** Matches one code point of the set. */
    private static final Pattern INVALID = Pattern.compile("[\\p{Pd}:\\uFE13\\uFE55\\uFF1A&&[^-]]");

    private SegmentNameCleaner() {
    }

    static String clean(String name) {
        return INVALID.matcher(name).replaceAll("-");
    }

    /** Why the name is refused without {@code &clean}; null when it holds none of the set. */
    static String invalidCharacters(String name) {
        Matcher found = INVALID.matcher(name);
        if (!found.find()) {
            return null;
        }
        int codePoint = name.codePointAt(found.start());
        return "segment_name contains invalid characters (" + String.format(Locale.ROOT, "U+%04X", codePoint) + " "
                + Character.getName(codePoint) + " at position " + (name.codePointCount(0, found.start()) + 1)
                + "); add &clean to the URL to have them replaced with hyphens";
    }
}
