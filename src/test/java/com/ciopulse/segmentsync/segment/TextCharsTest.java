package com.ciopulse.segmentsync.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-value shortcut: a value it lets through as it is must be one no rule would change or refuse. */
class TextCharsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "BU-1042", "Acme North 12", "O'Brien & Sons (Lyon)", "a b c", "x"})
    void printableAsciiWithSingleInnerSpacesIsPlainAndLeftAsItIs(String value) {
        assertThat(TextChars.isPlain(value)).isTrue();
        assertThat(SanitizingPolicy.REPLACE.clean(value)).isSameAs(value);
        assertThat(SanitizingPolicy.REJECT.clean(value)).isSameAs(value);
        assertThat(TextChars.strip(value)).isSameAs(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {" lead", "trail ", "double  space", " ", "quote\"d", "back\\slash", "tab\there",
            "line\nbreak", "nul\u0000", "caf\u00e9", "em\u2014dash", "ls\u2028", "del\u007f", "nbsp\u00a0x"})
    void anythingARuleLooksAtIsNotPlain(String value) {
        assertThat(TextChars.isPlain(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"  padded  name ", "many   inner\t\tspaces", "quote\"d", "back\\slash"})
    void valuesThatAreNotPlainStillGetTheFullRules(String value) {
        assertThat(SanitizingPolicy.REPLACE.clean(value)).doesNotContain("  ", "\"", "\\", "\t")
                .doesNotStartWith(" ").doesNotEndWith(" ");
    }
}
