package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The characters {@code &clean} keeps and the ones it turns into hyphens. */
class SandboxNameCleanerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Australia & New Zealand        | Australia & New Zealand",
            "`St. John's (North), A_B/C-D`  | `St. John's (North), A_B/C-D`",
            "Zürich Ōsaka 東京 Ελλάδα 42     | Zürich Ōsaka 東京 Ελλάδα 42",
            "Sales — North: East            | Sales - North- East",
            "a–b                            | a-b",
            "a\tb\u00A0c                    | a-b-c",
            "x😀y                           | x-y",
            "50% off! #1 @home; \"q\"       | 50- off- -1 -home- -q-"})
    void replacesEachInvalidCharacterWithOneHyphen(String name, String cleaned) {
        assertThat(SegmentNameCleaner.clean(name)).isEqualTo(cleaned);
    }
}
