package com.ciopulse.segmentsync.segment;

import java.util.Locale;

/**
 * What happens to a segment_name holding characters the API cannot take (identifiers are never cleaned: see
 * {@link SegmentValidator}). JSON would
 * have to escape {@code "}, {@code \} and control characters with a backslash, and the API rejects any backslash
 * in the payload, so such characters are mapped ({@link #REPLACE}) or refused ({@link #REJECT}) before the value
 * is serialized. Both policies trim the value and collapse runs of whitespace to one space; a value that is blank
 * afterwards counts as not supplied. Letters of any script, emoji and the apostrophe in {@code O'Brien} are kept.
 * Whatever either policy changes is reported by the validator, before and after.
 */
public enum SanitizingPolicy {

    /**
     * The default: {@code "} becomes {@code '}, {@code \} becomes {@code /}, tabs, line breaks and other
     * whitespace become a space, other control and invisible formatting characters are removed.
     */
    REPLACE {
        @Override
        String clean(String value) {
            if (TextChars.isPlain(value)) {
                return value;
            }
            StringBuilder mapped = new StringBuilder(value.length());
            value.codePoints().forEach(cp -> {
                if (cp == '"') {
                    mapped.append('\'');
                } else if (cp == '\\') {
                    mapped.append('/');
                } else if (TextChars.isWhitespace(cp)) {
                    mapped.append(' ');
                } else if (!TextChars.isInvisibleControl(cp)) {
                    mapped.appendCodePoint(cp);
                }
            });
            return TextChars.collapseWhitespace(mapped.toString());
        }
    },

    /**
     * Refuses a value holding {@code "}, {@code \} or a control character (tab and line breaks included) inside
     * it. Whitespace around the value is formatting noise of the source and is trimmed, as in {@link #REPLACE}.
     */
    REJECT {
        @Override
        String clean(String value) {
            String stripped = TextChars.stripAndCheck(value, TextChars::isRefusedInJson);
            return TextChars.collapseWhitespace(stripped);
        }
    };

    /**
     * Reads the policy a configuration names: {@code replace} or {@code reject}, case-insensitive; blank means
     * {@link #REPLACE}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static SanitizingPolicy parse(String configValue) {
        if (configValue == null || configValue.isBlank()) {
            return REPLACE;
        }
        return switch (configValue.trim().toLowerCase(Locale.ROOT)) {
            case "replace" -> REPLACE;
            case "reject" -> REJECT;
            default -> throw new IllegalArgumentException(
                    "sanitizing policy '" + TextChars.printable(configValue) + "' is not one of replace, reject");
        };
    }

    /**
     * Sanitizes one text value.
     *
     * @return the value to send, or {@code null} when the value is null or blank after sanitizing (not supplied)
     * @throws IllegalArgumentException under {@link #REJECT}, with a reason naming the character and its 1-based
     *                                  position, e.g. {@code contains a backslash (\) at position 7}
     */
    public String sanitize(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = clean(value);
        return cleaned.isEmpty() ? null : cleaned;
    }

    abstract String clean(String value);
}
