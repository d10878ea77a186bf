package com.ciopulse.segmentsync.segment;

import com.ciopulse.segmentsync.api.SegmentsApiUrls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The system_id rules: it names the segment in the URL path, so it is trimmed but otherwise kept exactly, may
 * hold any text, and must not hold control characters.
 */
class SystemIdTest {

    private static final SegmentsApiUrls URLS = new SegmentsApiUrls("https://app.cio-pulse.com/api/v5", true);

    private static ValidSegment validate(SanitizingPolicy policy, String systemId) {
        return new SegmentValidator(policy).validate(
                new SegmentRecord("file-drop", "orders.csv:12", systemId, "VIC", "Victoria", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "x?y=1", "#frag", "50%", "a&clean", "with space", "Zürich", "..", ".", "+",
            "back\\slash", "\"quoted\"", "two  spaces", "80a45geb4faec211f6a144g18110c73d", "東京", "🚀"})
    void anyTextIsAcceptedUnchangedAndStaysOnePathSegment(String systemId) {
        for (SanitizingPolicy policy : SanitizingPolicy.values()) {
            assertThat(validate(policy, systemId).systemId()).isEqualTo(systemId);
        }
        String path = URI.create(URLS.segmentForGetOrDelete(systemId)).getRawPath();
        String lastSegment = path.substring("/api/v5/segments/".length());

        assertThat(lastSegment).doesNotContain("/");
        assertThat(URLDecoder.decode(lastSegment, StandardCharsets.UTF_8)).isEqualTo(systemId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"  BU-7", "BU-7\t", "\r\nBU-7\r\n", "\u00A0BU-7\u3000"})
    void surroundingWhitespaceIsTrimmedAndThatIsReported(String padded) {
        ValidSegment segment = validate(SanitizingPolicy.REPLACE, padded);

        assertThat(segment.systemId()).isEqualTo("BU-7");
        assertThat(segment.sanitized()).containsExactly(new SanitizedValue("system_id", padded, "BU-7"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void missingSystemIdIsAnError(String blank) {
        SegmentValidationException error = catchThrowableOfType(SegmentValidationException.class,
                () -> validate(SanitizingPolicy.REPLACE, blank));

        assertThat(error.field()).isEqualTo("system_id");
        assertThat(error.reason()).isEqualTo("is missing or blank");
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                arguments("BU\t7", "contains a control character U+0009 (CHARACTER TABULATION) at position 3"),
                arguments("BU\u00007", "contains a control character U+0000 (NULL) at position 3"),
                arguments("BU-7\u202E", "contains an invisible formatting character U+202E (RIGHT-TO-LEFT OVERRIDE) "
                        + "at position 5"),
                arguments("B\u2028U", "contains a line break U+2028 (LINE SEPARATOR) at position 2"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("controlCharacters")
    void controlCharactersAreRefusedWhateverThePolicy(String systemId, String reason) {
        for (SanitizingPolicy policy : SanitizingPolicy.values()) {
            SegmentValidationException error = catchThrowableOfType(SegmentValidationException.class,
                    () -> validate(policy, systemId));

            assertThat(error.field()).isEqualTo("system_id");
            assertThat(error.reason()).isEqualTo(reason + SegmentValidator.NEVER_CHANGED);
        }
    }
}
