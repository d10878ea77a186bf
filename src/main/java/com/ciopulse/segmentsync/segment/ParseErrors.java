package com.ciopulse.segmentsync.segment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JSON or CSV parser's error into what a user can act on: the line, the column and what was expected there,
 * in plain words, without the parser's internals ({@code [Source: REDACTED ...]}, feature names, character codes).
 * The one place where Jackson's wording is known: every reader of files, pages and request bodies asks here.
 */
public final class ParseErrors {

    /** A Jackson message pattern and its plain words; {@code $1} is the character or token found. */
    private record Wording(Pattern jackson, String plain) {
    }

    private static final List<Wording> WORDINGS = List.of(
            wording("Unexpected end-of-input: expected close marker for Object.*", "the input ends inside an object: "
                    + "expected '}'"),
            wording("Unexpected end-of-input: expected close marker for Array.*", "the input ends inside an array: "
                    + "expected ']'"),
            wording("Unexpected end-of-input.*(?:string value|String value|field name).*", "the input ends inside a "
                    + "quoted text: expected its closing '\"'"),
            wording("Unexpected end-of-input.*", "the input ends too early"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to separate Object entries.*",
                    "found '$1' where ',' or '}' was expected"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to separate Array entries.*",
                    "found '$1' where ',' or ']' was expected"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting a colon to separate field name and value.*",
                    "found '$1' where ':' was expected after a field name"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting double-quote to start field name.*",
                    "found '$1' where a field name in double quotes was expected"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): expected a valid value.*",
                    "found '$1' where a value was expected (text in double quotes, a number, an object, an array, "
                            + "true, false or null)"),
            wording("Unrecognized token '(.+?)': was expecting.*", "found '$1' where a value was expected (text in "
                    + "double quotes, a number, an object, an array, true, false or null)"),
            wording("Illegal unquoted character \\(\\(CTRL-CHAR, code \\d+\\)\\).*", "a line break or another control "
                    + "character inside a quoted text: it must be written escaped (\\\\n for a line break)"),
            wording("Unexpected character \\('(.+?)' \\(code \\d+\\)\\): Expected column separator character \\('(.+?)'.*",
                    "found '$1' after a quoted value where the separator '$2' or the end of the line was expected"),
            wording("Missing closing quote for value.*", "a quoted value is never closed: expected its closing quote"),
            wording("Trailing token.*", "there is more after the end of the JSON value"));

    /** Whatever the wordings above do not know: the location and feature names are cut off. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\s*\\(?(?:start marker at )?\\[Source: [^\\]]*\\]\\)?|\\s*\\(bound as `[^`]*`\\)|: not allowed as per `[^`]*`"
                    + "|\\s*\\(code \\d+\\)");

    private ParseErrors() {
    }

    /**
     * {@code line 3, column 17: found '"' where ',' or '}' was expected}.
     *
     * @param firstLine the line of the file where the parser's input began (1 for a parser over the whole file; the
     *                  record's line for a parser over one line), so the line is the file's
     */
    public static String describe(JacksonException error, long firstLine) {
        JsonLocation location = error.getLocation();
        String plain = plain(error);
        if (location == null || location.getLineNr() < 1) {
            return plain;
        }
        long line = firstLine - 1 + location.getLineNr();
        return "line " + line + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "") + ": " + plain;
    }

    /** {@code column 17: found '"' where ',' or '}' was expected}, for a reader that names the line itself. */
    public static String atColumn(JacksonException error) {
        JsonLocation location = error.getLocation();
        return location == null || location.getColumnNr() < 1 ? plain(error)
                : "column " + location.getColumnNr() + ": " + plain(error);
    }

    /** What was wrong, in plain words, without the location. */
    public static String plain(JacksonException error) {
        String message = error.getOriginalMessage() == null ? error.getClass().getSimpleName()
                : error.getOriginalMessage().strip();
        for (Wording wording : WORDINGS) {
            Matcher matcher = wording.jackson().matcher(message);
            if (matcher.matches()) {
                return matcher.replaceFirst(wording.plain());
            }
        }
        return INTERNALS.matcher(message).replaceAll("");
    }

    private static Wording wording(String jackson, String plain) {
        return new Wording(Pattern.compile(jackson, Pattern.DOTALL), plain);
    }
}
