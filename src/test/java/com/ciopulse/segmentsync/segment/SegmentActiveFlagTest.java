package com.ciopulse.segmentsync.segment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link ActiveFlag}: the spellings sources hold for the active flag. */
class SegmentActiveFlagTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "y|y", "Y|y", "yes|y", "YES|y", "Yes|y", "true|y", "TRUE|y", "1|y", "active|y", "Active|y",
            "n|n", "N|n", "no|n", "NO|n", "false|n", "False|n", "0|n", "inactive|n", "INACTIVE|n"})
    void readsEverySpellingAsYOrN(String spelling, String expected) {
        assertThat(ActiveFlag.parse(spelling)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"  y ", "\tyes\r\n", "\u00A0Active\u00A0"})
    void trimsAroundTheValue(String padded) {
        assertThat(ActiveFlag.parse(padded)).contains("y");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t", "\u00A0"})
    void blankMeansNotSupplied(String blank) {
        assertThat(ActiveFlag.parse(blank)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "t", "f", "yess", "on", "-1", "y n"})
    void otherValuesAreRefusedListingTheAcceptedSpellings(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ActiveFlag.parse(value))
                .withMessage("'" + value + "' is not one of y/n, yes/no, true/false, 1/0, active/inactive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ye\ns", "maybe\r\nINFO forged log line"})
    void refusedValueIsShownWithoutItsLineBreaks(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ActiveFlag.parse(value))
                .withMessageContaining("<U+000A>")
                .withMessageNotContaining("\n");
    }
}
