package com.ciopulse.segmentsync.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static com.ciopulse.segmentsync.segment.SanitizingPolicy.REJECT;
import static com.ciopulse.segmentsync.segment.SanitizingPolicy.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link SanitizingPolicy}: what happens to segment codes and names the API cannot take as they are. */
class SegmentSanitizingPolicyTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "replace|REPLACE", "REPLACE|REPLACE", "' Reject '|REJECT", "reject|REJECT", "''|REPLACE", "null|REPLACE"})
    void parsesTheConfiguredPolicy(String configValue, SanitizingPolicy expected) {
        assertThat(SanitizingPolicy.parse(configValue)).isEqualTo(expected);
    }

    @Test
    void unknownPolicyIsAClearError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SanitizingPolicy.parse("strict"))
                .withMessage("sanitizing policy 'strict' is not one of replace, reject");
    }

    static Stream<Arguments> replacements() {
        return Stream.of(
                arguments("double quote becomes apostrophe", "The \"Rocks\" Store", "The 'Rocks' Store"),
                arguments("backslash becomes slash", "Sales\\North", "Sales/North"),
                arguments("tab becomes space", "Sales\tNorth", "Sales North"),
                arguments("CRLF becomes one space", "Line one\r\nLine two", "Line one Line two"),
                arguments("form feed and vertical tab", "a\fb\u000Bc", "a b c"),
                arguments("no-break space", "Sales\u00A0North", "Sales North"),
                arguments("line and paragraph separators", "a\u2028b\u2029c", "a b c"),
                arguments("next line (C1)", "a\u0085b", "a b"),
                arguments("runs collapse, ends trimmed", "  lots  \t of \n\n space  ", "lots of space"),
                arguments("NUL removed", "Vic\u0000toria", "Victoria"),
                arguments("escape and bell removed", "\u001B[31mRed\u0007", "[31mRed"),
                arguments("DEL removed", "Del\u007Fete", "Delete"),
                arguments("C1 control removed", "a\u0080\u009Fb", "ab"),
                arguments("bidi override removed", "abc\u202Efdp.exe", "abcfdp.exe"),
                arguments("bidi isolates and marks removed", "\u2066a\u2069\u200Eb\u200F", "ab"),
                arguments("byte order mark removed", "\uFEFFVictoria", "Victoria"),
                arguments("zero width space removed", "Vic\u200Btoria", "Victoria"),
                arguments("soft hyphen removed", "Vic\u00ADtoria", "Victoria"),
                arguments("unpaired surrogate removed", "a\uD800b\uDC00c", "abc"),
                arguments("removed control between spaces leaves one space", "a \u0000 b", "a b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replacements")
    void replaceMapsWhatTheApiCannotTake(String description, String raw, String expected) {
        assertThat(REPLACE.sanitize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void keepsTextOfAnyScriptAsItIs(SanitizingPolicy policy) {
        for (String text : new String[] {"O'Brien", "Zürich – Süd", "東京", "Café 🚀", "Škoda Ελλάδα עברית",
                "👨\u200D👩\u200D👧 family", "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63"
                + "\uDB40\uDC74\uDB40\uDC7F Scotland", "Australia & New Zealand", "EMEA: 50% <off>"}) {
            assertThat(policy.sanitize(text)).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void bothPoliciesTrimAndCollapseSpaces(SanitizingPolicy policy) {
        assertThat(policy.sanitize("  New   Zealand\u00A0\u00A0North  ")).isEqualTo("New Zealand North");
        assertThat(policy.sanitize("\t\r\n Victoria \r\n")).isEqualTo("Victoria");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\r\n", "\u0000", "\u200B\uFEFF"})
    void blankAfterSanitizingMeansNotSupplied(String blank) {
        assertThat(REPLACE.sanitize(blank)).isNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\r\n"})
    void rejectTreatsBlankAsNotSupplied(String blank) {
        assertThat(REJECT.sanitize(blank)).isNull();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments("Region\\North", "contains a backslash (\\) at position 7"),
                arguments("The \"Rocks\"", "contains a double quote (\") at position 5"),
                arguments("Sales\tNorth", "contains a control character U+0009 (CHARACTER TABULATION) at position 6"),
                arguments("Line\r\nTwo", "contains a control character U+000D (CARRIAGE RETURN (CR)) at position 5"),
                arguments("Vic\u0000toria", "contains a control character U+0000 (NULL) at position 4"),
                arguments("a\u2028b", "contains a line break U+2028 (LINE SEPARATOR) at position 2"),
                arguments("\uFEFFVictoria",
                        "contains an invisible formatting character U+FEFF (ZERO WIDTH NO-BREAK SPACE) at position 1"),
                arguments("abc\u202Efdp", "contains an invisible formatting character U+202E (RIGHT-TO-LEFT OVERRIDE) "
                        + "at position 4"),
                arguments("ab\uD800", "contains an unpaired surrogate U+D800 at position 3"),
                // positions count characters as a user sees them (an emoji is one) in the value as supplied
                arguments("🚀🚀\\", "contains a backslash (\\) at position 3"),
                arguments("  Sales\\North", "contains a backslash (\\) at position 8"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejections")
    void rejectNamesTheCharacterAndItsPosition(String raw, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> REJECT.sanitize(raw)).withMessage(reason);
    }
}
