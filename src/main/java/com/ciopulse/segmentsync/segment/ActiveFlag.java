package com.ciopulse.segmentsync.segment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The API's {@code active} field: {@code y} or {@code n}, read from the spellings sources really hold. */
public final class ActiveFlag {

    /** The value the API takes for an active segment. */
    public static final String YES = "y";
    /** The value the API takes for an inactive segment. */
    public static final String NO = "n";
    /** The spellings {@link #parse} accepts, as error messages list them. */
    public static final String ACCEPTED_SPELLINGS = "y/n, yes/no, true/false, 1/0, active/inactive";

    private static final Map<String, String> SPELLINGS = Map.of(
            "y", YES, "yes", YES, "true", YES, "1", YES, "active", YES,
            "n", NO, "no", NO, "false", NO, "0", NO, "inactive", NO);

    private ActiveFlag() {
    }

    /**
     * Reads an active flag, case-insensitive and trimmed.
     *
     * @return {@code y} or {@code n}; empty when the value is null or blank (not supplied)
     * @throws IllegalArgumentException whose message is the reason, e.g.
     *                                  {@code 'maybe' is not one of y/n, yes/no, true/false, 1/0, active/inactive}
     */
    public static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String stripped = TextChars.strip(value);
        if (stripped.isEmpty()) {
            return Optional.empty();
        }
        String flag = SPELLINGS.get(stripped.toLowerCase(Locale.ROOT));
        if (flag == null) {
            throw new IllegalArgumentException(
                    "'" + TextChars.printable(stripped) + "' is not one of " + ACCEPTED_SPELLINGS);
        }
        return Optional.of(flag);
    }
}
