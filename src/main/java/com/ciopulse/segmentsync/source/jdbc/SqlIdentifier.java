package com.ciopulse.segmentsync.source.jdbc;

import com.ciopulse.segmentsync.source.PolledSource;
import java.util.regex.Pattern;

/**
 * A table or column name from configuration. Names are the only configured text that goes into SQL (values are
 * always bound parameters), so each is checked first: one to three dot-separated parts, each a plain name
 * ({@code business_units}) or a double-quoted one ({@code "Business Units"}) with no quote or control character
 * inside. Anything else, such as {@code units; DROP TABLE units}, is refused.
 */
final class SqlIdentifier {

    private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\p{Cntrl}]+\")";
    private static final Pattern NAME = Pattern.compile(PART + "(?:\\." + PART + "){0,2}");

    private SqlIdentifier() {
    }

    /**
     * The name, trimmed, as it goes into SQL.
     *
     * @param parameter the template parameter that holds it, for the error message
     * @throws IllegalArgumentException when it is not a plain or quoted SQL name
     */
    static String require(String parameter, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!NAME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(parameter + " must be a table or column name such as business_units,"
                    + " erp.units or \"Business Units\", not '" + printable(trimmed) + "'");
        }
        return trimmed;
    }

    // control characters in configuration must not forge log lines
    private static String printable(String text) {
        return text.codePoints()
                .mapToObj(cp -> Character.isISOControl(cp) ? String.format("<U+%04X>", cp) : Character.toString(cp))
                .reduce("", String::concat);
    }
}
