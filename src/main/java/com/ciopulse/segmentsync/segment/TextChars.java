package com.ciopulse.segmentsync.segment;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The character classes the segment rules share. Every value is looked at per code point, so an emoji is one
 * character and an unpaired surrogate (possible in a Java string, impossible in UTF-8) is caught.
 */
final class TextChars {

    /** Longest value an error message repeats; sources can hand over whole documents by mistake. */
    private static final int MAX_SHOWN = 100;

    private TextChars() {
    }

    /** Horizontal spaces: ' ', no-break space and the other Unicode space separators. Harmless; runs collapse. */
    static boolean isSpace(int cp) {
        return Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /**
     * Control characters that break text the way a space does: tab, line feed, vertical tab, form feed, carriage
     * return, the information separators U+001C..U+001F, next line (U+0085), line and paragraph separators.
     */
    static boolean isBreakingControl(int cp) {
        return !isSpace(cp) && (Character.isWhitespace(cp) || cp == 0x85);
    }

    /** Any character that separates words: a space or a breaking control. */
    static boolean isWhitespace(int cp) {
        return isSpace(cp) || isBreakingControl(cp);
    }

    /**
     * Characters that carry no visible text and must not reach the API: the other C0 and C1 controls, DEL,
     * unpaired surrogates and the invisible format characters that can disguise a value (see {@link
     * #isDisguisingFormat}).
     */
    static boolean isInvisibleControl(int cp) {
        int type = Character.getType(cp);
        return (type == Character.CONTROL && !isBreakingControl(cp))
                || type == Character.SURROGATE
                || isDisguisingFormat(cp);
    }

    /** Any character a sanitized value or a system id must not hold. */
    static boolean isControl(int cp) {
        return isBreakingControl(cp) || isInvisibleControl(cp);
    }

    /** What a value written into the JSON must not hold as it is: {@code "}, {@code \} and any control. */
    static boolean isRefusedInJson(int cp) {
        return cp == '"' || cp == '\\' || isControl(cp);
    }

    /**
     * Format characters that are invisible yet change how text reads or compares: bidi embeddings, overrides,
     * isolates and marks (the "Trojan Source" characters), zero-width space, word joiner and invisible operators,
     * byte order mark, soft hyphen, interlinear annotation, deprecated format controls. Zero-width joiner and
     * non-joiner, emoji tag characters and script-specific signs stay: emoji and several scripts need them.
     */
    static boolean isDisguisingFormat(int cp) {
        return cp == 0x00AD || cp == 0x061C || cp == 0x180E || cp == 0x200B
                || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x206F && Character.getType(cp) == Character.FORMAT)
                || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFB);
    }

    /**
     * Whether the value is printable ASCII other than {@code "} and {@code \}, with single spaces only between
     * other characters: nothing in it is stripped, collapsed, mapped or refused by any rule here. Most values of
     * most sources are, and this one pass over the chars spares them the per-code-point work.
     */
    static boolean isPlain(String value) {
        int last = value.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = value.charAt(i);
            boolean plain = c > ' ' && c < 0x7F ? c != '"' && c != '\\'
                    : c == ' ' && i > 0 && i < last && value.charAt(i - 1) != ' ';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** Removes leading and trailing {@linkplain #isWhitespace whitespace}. */
    static String strip(String value) {
        if (isPlain(value)) {
            return value;
        }
        int[] cps = value.codePoints().toArray();
        int from = firstNonWhitespace(cps);
        int to = endOfNonWhitespace(cps, from);
        return new String(cps, from, to - from);
    }

    /**
     * Strips leading and trailing whitespace, then fails on the first forbidden character left inside.
     *
     * @throws IllegalArgumentException naming the character and its position: 1-based, counted in characters
     *                                  (code points) of the value as supplied, so a user can find it
     */
    static String stripAndCheck(String value, IntPredicate forbidden) {
        if (isPlain(value) && noneOf(value, forbidden)) {
            return value;
        }
        int[] cps = value.codePoints().toArray();
        int from = firstNonWhitespace(cps);
        int to = endOfNonWhitespace(cps, from);
        for (int i = from; i < to; i++) {
            if (forbidden.test(cps[i])) {
                throw new IllegalArgumentException("contains " + describe(cps[i]) + " at position " + (i + 1));
            }
        }
        return new String(cps, from, to - from);
    }

    private static boolean noneOf(String plain, IntPredicate forbidden) {
        for (int i = 0; i < plain.length(); i++) {
            if (forbidden.test(plain.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Trims and turns every run of whitespace into one space. */
    static String collapseWhitespace(String value) {
        if (isPlain(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean spacePending = false;
        for (int cp : value.codePoints().toArray()) {
            if (isWhitespace(cp)) {
                spacePending = out.length() > 0;
            } else {
                if (spacePending) {
                    out.append(' ');
                    spacePending = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * How an error message names a character, e.g. {@code a backslash (\)} or
     * {@code a control character U+0009 (CHARACTER TABULATION)}.
     */
    static String describe(int cp) {
        if (cp == '"') {
            return "a double quote (\")";
        }
        if (cp == '\\') {
            return "a backslash (\\)";
        }
        return switch (Character.getType(cp)) {
            case Character.SURROGATE -> "an unpaired surrogate " + codePoint(cp);
            case Character.FORMAT ->
                    "an invisible formatting character " + codePoint(cp) + " (" + Character.getName(cp) + ")";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    "a line break " + codePoint(cp) + " (" + Character.getName(cp) + ")";
            default -> "a control character " + codePoint(cp) + " (" + Character.getName(cp) + ")";
        };
    }

    /**
     * A value made safe to repeat in an error message or log line: controls shown as {@code <U+000A>} (so a value
     * cannot forge log lines), cut after {@value #MAX_SHOWN} characters.
     */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int[] cps = value.codePoints().toArray();
        for (int i = 0; i < cps.length && i < MAX_SHOWN; i++) {
            if (isControl(cps[i])) {
                out.append('<').append(codePoint(cps[i])).append('>');
            } else {
                out.appendCodePoint(cps[i]);
            }
        }
        if (cps.length > MAX_SHOWN) {
            out.append("...(").append(cps.length - MAX_SHOWN).append(" more characters)");
        }
        return out.toString();
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static int firstNonWhitespace(int[] cps) {
        int from = 0;
        while (from < cps.length && isWhitespace(cps[from])) {
            from++;
        }
        return from;
    }

    private static int endOfNonWhitespace(int[] cps, int from) {
        int to = cps.length;
        while (to > from && isWhitespace(cps[to - 1])) {
            to--;
        }
        return to;
    }
}
