package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The characters the sandbox calls invalid in a name: dashes other than {@code -} and colons, no others. */
class SandboxNameCleanerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Australia & New Zealand        | Australia & New Zealand",
            "`St. John's (North), A_B/C-D`  | `St. John's (North), A_B/C-D`",
            "Zürich Ōsaka 東京 Ελλάδα 42     | Zürich Ōsaka 東京 Ελλάδα 42",
            "Sales — North: East            | Sales - North- East",
            "a–b‐c‑d‒e―f⸺g﹘h－i             | a-b-c-d-e-f-g-h-i",
            "a：b﹕c︓d                       | a-b-c-d",
            "a\tb\u00A0c                    | a\tb\u00A0c",
            "x😀y                           | x😀y",
            "50% off! #1 @home; \"q\"       | 50% off! #1 @home; \"q\""})
    void replacesEachDashOtherThanTheHyphenMinusAndEachColonWithOneHyphen(String name, String cleaned) {
        assertThat(SegmentNameCleaner.clean(name)).isEqualTo(cleaned);
        assertThat(SegmentNameCleaner.invalidCharacters(name) == null).isEqualTo(name.equals(cleaned));
    }

    @Test
    void aRefusalNamesTheFirstInvalidCharacterAndItsPosition() {
        assertThat(SegmentNameCleaner.invalidCharacters("Zürich – Süd")).isEqualTo("segment_name contains invalid "
                + "characters (U+2013 EN DASH at position 8); add &clean to the URL to have them replaced with hyphens");
        assertThat(SegmentNameCleaner.invalidCharacters("東京: Tokyo")).startsWith(
                "segment_name contains invalid characters (U+003A COLON at position 3)");
    }
}
