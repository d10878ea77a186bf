package com.ciopulse.segmentsync.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link SegmentResponses}: the bodies the Segments API answers GET requests and errors with. */
class SegmentResponsesTest {

    /** Copied from the API reference, trailing comma before {@code ]} included. */
    private static final String REFERENCE_LIST = """
            {"segments":
            [{"segment":{"Segment_System_ID":"SEG123","Segment_Code":"NZ","Segment_Name":"New Zealand","Active":"Y"}},
            {"segment":{"Segment_System_ID":"SEG456","Segment_Code":"AUS","Segment_Name":"Australia","Active":"Y"}},
            {"segment":{"Segment_System_ID":"SEG789","Segment_Code":"EMEA","Segment_Name":"EMEA","Active":"Y"}},
            ]}""";

    /** Copied from the API reference. */
    private static final String REFERENCE_ERROR = "{\"message\":\"Invalid security credentials\",\"status\":401}";

    @Test
    void parsesTheReferenceListTrailingCommaIncluded() {
        assertThat(SegmentResponses.parseList(REFERENCE_LIST)).containsExactly(
                new RemoteSegment("SEG123", "NZ", "New Zealand", "y"),
                new RemoteSegment("SEG456", "AUS", "Australia", "y"),
                new RemoteSegment("SEG789", "EMEA", "EMEA", "y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"segments\":[]}", " {\n  \"segments\" : [\n  ]\n}\n", "\uFEFF{\"segments\":[]}"})
    void parsesAnEmptyList(String body) {
        assertThat(SegmentResponses.parseList(body)).isEmpty();
        assertThat(SegmentResponses.parseOne(body)).isEmpty();
    }

    @Test
    void readsWhitespaceAnywhereInactiveFlagsAndAbsentFields() {
        String body = """
                {
                  "segments" : [
                    { "segment" : {
                        "Segment_System_ID" : "SEG1",
                        "Segment_Code" : 123,
                        "Segment_Name" : "Z\\u00fcrich \u2013 S\u00fcd",
                        "Active" : "N"
                    } } ,
                    { "segment" : { "Segment_System_ID" : "SEG2", "Segment_Name" : null } }
                  ]
                }
                """;

        assertThat(SegmentResponses.parseList(body)).containsExactly(
                new RemoteSegment("SEG1", "123", "Zürich – Süd", "n"),
                new RemoteSegment("SEG2", null, null, null));
    }

    @Test
    void parseOneTakesTheFirstOfAListOrABareSegment() {
        assertThat(SegmentResponses.parseOne(REFERENCE_LIST))
                .contains(new RemoteSegment("SEG123", "NZ", "New Zealand", "y"));
        assertThat(SegmentResponses.parseOne(
                "{\"segment\":{\"Segment_System_ID\":\"SEG456\",\"Segment_Code\":\"AUS\","
                        + "\"Segment_Name\":\"Australia\",\"Active\":\"Y\"}}"))
                .contains(new RemoteSegment("SEG456", "AUS", "Australia", "y"));
    }

    static Stream<Arguments> malformedLists() {
        return Stream.of(
                arguments(null, "the Segments API response is empty; expected a JSON object"),
                arguments("  ", "the Segments API response is empty; expected a JSON object"),
                arguments("<html>Bad gateway</html>", "the Segments API response is not valid JSON: "),
                arguments("{\"segments\":[", "the Segments API response is not valid JSON: "),
                arguments("{\"segments\":[]} {}", "the Segments API response is not valid JSON: "),
                arguments("[]", "the Segments API response is a JSON array; expected an object"),
                arguments(REFERENCE_ERROR,
                        "the Segments API response has no \"segments\" array; it has the fields [message, status]"),
                arguments("{\"segments\":{}}", "the Segments API response has no \"segments\" array"),
                arguments("{\"segments\":[{\"Segment_System_ID\":\"SEG1\"}]}",
                        "segments[0] is not a {\"segment\":{...}} object"),
                arguments("{\"segments\":[{\"segment\":{\"Segment_Code\":\"NZ\"}}]}",
                        "segments[0] has no Segment_System_ID"),
                arguments("{\"segments\":[{\"segment\":{\"Segment_System_ID\":\"S1\",\"Segment_Name\":[\"x\"]}}]}",
                        "segments[0].Segment_Name is a JSON array; expected text"),
                arguments("{\"segments\":[{\"segment\":{\"Segment_System_ID\":\"S1\",\"Active\":\"maybe\"}}]}",
                        "segments[0] (Segment_System_ID 'S1') has an Active flag 'maybe' is not one of"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedLists")
    void malformedBodiesAreClearErrors(String body, String messageStart) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SegmentResponses.parseList(body))
                .withMessageStartingWith(messageStart);
    }

    @Test
    void errorMessageReadsTheApiErrorJson() {
        assertThat(SegmentResponses.errorMessage(REFERENCE_ERROR)).isEqualTo("Invalid security credentials");
        assertThat(SegmentResponses.errorMessage(" {\"status\": 422,\n \"message\": \"Another Segment already has "
                + "this Segment Code\" }\n")).isEqualTo("Another Segment already has this Segment Code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"  <html><body>502 Bad Gateway</body></html>\n", "{\"error\":\"nope\"}", "[1,2]",
            "Transaction failed"})
    void errorMessageFallsBackToTheTrimmedBody(String body) {
        assertThat(SegmentResponses.errorMessage(body)).isEqualTo(body.strip());
    }

    @Test
    void errorMessageIsCutTo500Characters() {
        String longBody = "x".repeat(499) + "🚀" + "y".repeat(100);

        assertThat(SegmentResponses.errorMessage(longBody)).isEqualTo("x".repeat(499));
        assertThat(SegmentResponses.errorMessage("{\"message\":\"" + "m".repeat(600) + "\"}"))
                .isEqualTo("m".repeat(500));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \n"})
    void errorMessageOfNoBodyIsEmpty(String body) {
        assertThat(SegmentResponses.errorMessage(body)).isEmpty();
    }
}
