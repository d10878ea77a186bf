package com.ciopulse.segmentsync.segment;

import java.util.regex.Pattern;

/**
 * The characters the API document calls invalid in a segment name, which the sync replaces with hyphens itself
 * before it sends (setting {@code sync.segments.clean-names}), so that what it sends, remembers and compares is
 * what the API holds, and each change can be reported. The document says only "invalid characters in the
 * segment_name (e.g. em dashes or colons) will be replaced with hyphens" (with {@code &clean}); the sync takes
 * exactly the two kinds it names:
 * <ul>
 *   <li>every dash other than the hyphen-minus {@code -}: the Unicode category Pd without U+002D (en dash U+2013,
 *       em dash U+2014, hyphen U+2010, figure dash U+2012, horizontal bar U+2015, fullwidth hyphen-minus U+FF0D,
 *       ...);</li>
 *   <li>the colon U+003A and its presentation forms U+FE13, U+FE55 and U+FF1A.</li>
 * </ul>
 * The sandbox refuses the same set without {@code &clean}. Codes and system ids are never cleaned: they identify.
 */
public final class NameCleaning {

    private static final Pattern INVALID = Pattern.compile("[\\p{Pd}:\\uFE13\\uFE55\\uFF1A&&[^-]]");

    private NameCleaning() {
    }

    /** The first dash of category Pd after U+002D: below it only the colon can be in the set. */
    private static final char FIRST_DASH_AFTER_ASCII = '\u058A';

    /** The name with each character of the set replaced by one hyphen; null stays null. */
    public static String clean(String name) {
        return mayNeedCleaning(name) ? INVALID.matcher(name).replaceAll("-") : name;
    }

    /** Whether the name holds a character of the set. */
    public static boolean needsCleaning(String name) {
        return mayNeedCleaning(name) && INVALID.matcher(name).find();
    }

    /** A scan without a matcher, for the common name that holds no colon and nothing from U+058A up. */
    private static boolean mayNeedCleaning(String name) {
        if (name == null) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c >= FIRST_DASH_AFTER_ASCII) {
                return true;
            }
        }
        return false;
    }
}
