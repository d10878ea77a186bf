package com.ciopulse.segmentsync.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the sync cleans in a name: every dash other than {@code -} and every colon, nothing else. */
class NameCleaningTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Zürich – Süd                  | Zürich - Süd",
            "Sales — North: East           | Sales - North- East",
            "a‐b‑c‒d―e⸺f﹘g－h֊i            | a-b-c-d-e-f-g-h-i",
            "a：b﹕c︓d                      | a-b-c-d",
            "`O'Brien's (Dublin) A&B/C-D.` | `O'Brien's (Dublin) A&B/C-D.`",
            "東京 (Tokyo) 🎉 Ærø             | 東京 (Tokyo) 🎉 Ærø"})
    void replacesEachDashOtherThanTheHyphenMinusAndEachColon(String name, String cleaned) {
        assertThat(NameCleaning.clean(name)).isEqualTo(cleaned);
        assertThat(NameCleaning.needsCleaning(name)).isEqualTo(!name.equals(cleaned));
        assertThat(NameCleaning.needsCleaning(cleaned)).isFalse();
    }

    /** The validator cleans names when told to, and never a code or a system id: they identify. */
    @Test
    void theValidatorCleansTheNameOnlyAndOnlyWhenToldTo() {
        SegmentRecord record = new SegmentRecord("test", "line 2", "BU:1–A", "EU:N–1", "Nord: Süd – Ost", null,
                SegmentAction.UPSERT);

        ValidSegment cleaned = new SegmentValidator(SanitizingPolicy.REPLACE, true).validate(record);
        ValidSegment asIs = new SegmentValidator(SanitizingPolicy.REPLACE, false).validate(record);

        assertThat(cleaned.segmentName()).isEqualTo("Nord- Süd - Ost");
        assertThat(cleaned.segmentCode()).isEqualTo("EU:N–1");
        assertThat(cleaned.systemId()).isEqualTo("BU:1–A");
        assertThat(asIs.segmentName()).isEqualTo("Nord: Süd – Ost");
    }

    /** The scan that skips the matcher misses no character of the set. */
    @Test
    void everyDashOfTheBasicPlaneOtherThanTheHyphenMinusIsCleaned() {
        IntStream.rangeClosed(0, 0xFFFF).filter(c -> Character.getType(c) == Character.DASH_PUNCTUATION && c != '-')
                .forEach(c -> assertThat(NameCleaning.clean("a" + (char) c + "b")).as("U+%04X", c).isEqualTo("a-b"));
        assertThat(NameCleaning.clean(null)).isNull();
    }
}
