package com.ciopulse.segmentsync.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@link ValidSegment#payloadJson()}: the PUT body the Segments API receives. */
class SegmentPayloadTest {

    private static final ObjectMapper STRICT_JSON = new ObjectMapper();

    private static ValidSegment upsert(String code, String name, String active) {
        return new ValidSegment("BU-7", code, name, active, SegmentAction.UPSERT, "test", null);
    }

    @Test
    void writesTheSuppliedFieldsInTheApiOrder() {
        assertThat(upsert("VIC", "Victoria", "y").payloadJson())
                .isEqualTo("{\"segment_code\":\"VIC\",\"segment_name\":\"Victoria\",\"active\":\"y\"}");
    }

    @Test
    void omitsFieldsThatAreNotSupplied() {
        // the reference's update example: only the name changes
        assertThat(upsert(null, "Australia & New Zealand", null).payloadJson())
                .isEqualTo("{\"segment_name\":\"Australia & New Zealand\"}");
        assertThat(upsert(null, null, "n").payloadJson()).isEqualTo("{\"active\":\"n\"}");
        assertThat(upsert("AUS", "Australia", null).payloadJson())
                .isEqualTo("{\"segment_code\":\"AUS\",\"segment_name\":\"Australia\"}");
    }

    @Test
    void writesNonAsciiAsItIsNeverAsUnicodeEscapes() {
        String payload = upsert("ZH-S", "Zürich – Süd 東京 🚀", null).payloadJson();

        assertThat(payload).isEqualTo("{\"segment_code\":\"ZH-S\",\"segment_name\":\"Zürich – Süd 東京 🚀\"}");
        assertThat(new String(payload.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    @Test
    void completeMeansCodeAndNameArePresent() {
        assertThat(upsert("AUS", "Australia", null).complete()).isTrue();
        assertThat(upsert("AUS", null, "y").complete()).isFalse();
        assertThat(upsert(null, "Australia", "y").complete()).isFalse();
    }

    @Test
    void aDeleteHasNoPayload() {
        ValidSegment delete = new ValidSegment("BU-7", null, null, null, SegmentAction.DELETE, "test", null);

        assertThatIllegalStateException()
                .isThrownBy(delete::payloadJson)
                .withMessageContaining("delete has no payload");
    }

    @Test
    void refusesToSerializeABackslashEvenIfAValueBypassedSanitizing() {
        ValidSegment unsanitized = upsert("A\\B", "tab\there", null);

        assertThatIllegalStateException()
                .isThrownBy(unsanitized::payloadJson)
                .withMessageContaining("BU-7")
                .withMessageContaining("backslash");
    }

    @Test
    void holdsOnlyWhatTheApiAccepts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ValidSegment(" ", "A", "B", null, SegmentAction.UPSERT, "test", null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ValidSegment("BU-7", "A", "B", "Y", SegmentAction.UPSERT, "test", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The \"Rocks\" Store", "Sales\\North", "C:\\shops\\\"new\"", "Sales\tNorth",
            "Line one\r\nLine two", "O'Brien", "Zürich – Süd", "東京", "Café 🚀", "\u0000\u001F\u007F\u0085 x",
            "a\u2028b\u2029c", "abc\u202Efdp", "\uFEFFVictoria", "x\uD800y"})
    void sanitizedNamesGiveJsonWithoutBackslashThatParsesBackToTheName(String rawName) {
        String name = SanitizingPolicy.REPLACE.sanitize(rawName);

        String payload = upsert("CODE", name, null).payloadJson();

        assertThat(payload).doesNotContain("\\");
        assertThat(parse(payload).get("segment_name").textValue()).isEqualTo(name);
    }

    /**
     * Every code point from U+0000 to U+10FFFF (surrogates alone included), between two letters: under either
     * policy the value is refused or gives a payload without backslash that parses back to the sanitized value.
     * Characters that need no sanitizing come through unchanged.
     */
    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void everyCodePointEitherIsRefusedOrGivesAPayloadWithoutBackslash(SanitizingPolicy policy) {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String raw = "a" + new String(Character.toChars(cp)) + "b";
            String name;
            try {
                name = policy.sanitize(raw);
            } catch (IllegalArgumentException e) {
                refused++;
                if (policy == SanitizingPolicy.REPLACE || !needsSanitizing(cp)) {
                    failures.add(String.format("U+%04X refused: %s", cp, e.getMessage()));
                }
                continue;
            }
            String payload = upsert(null, name, null).payloadJson();
            boolean ok = !payload.contains("\\")
                    && name.equals(parse(payload).get("segment_name").textValue())
                    && (needsSanitizing(cp) || name.equals(raw));
            if (!ok) {
                failures.add(String.format("U+%04X gave %s", cp, payload));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(refused).isEqualTo(policy == SanitizingPolicy.REJECT ? countNeedingSanitizing() : 0);
    }

    @Test
    void aNameHoldingEveryCodePointAtOnceGivesAPayloadWithoutBackslash() {
        StringBuilder everything = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            everything.appendCodePoint(cp);
        }
        String name = SanitizingPolicy.REPLACE.sanitize(everything.toString());

        String payload = upsert(null, name, null).payloadJson();

        assertThat(payload).doesNotContain("\\");
        assertThat(parse(payload).get("segment_name").textValue()).isEqualTo(name);
    }

    /** Whether a character between two letters is one the policies map or refuse. */
    private static boolean needsSanitizing(int cp) {
        return cp == '"' || cp == '\\' || TextChars.isControl(cp) || TextChars.isSpace(cp) && cp != ' ';
    }

    /** How many code points REJECT refuses: all that need sanitizing, except spaces (they only collapse). */
    private static int countNeedingSanitizing() {
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == '"' || cp == '\\' || TextChars.isControl(cp)) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode parse(String json) {
        try {
            return STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + json, e);
        }
    }
}
