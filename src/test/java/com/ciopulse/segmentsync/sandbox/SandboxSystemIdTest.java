package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the {@code {system_id}} of the path is decoded, and how it tells {@code %26} from the {@code &clean} flag. */
class SandboxSystemIdTest extends SandboxHttpTestSupport {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a%2Fb              | a/b",
            "x%3Fy              | x?y",
            "50%25              | 50%",
            "a%26b              | a&b",
            "with%20space       | with space",
            "a+b                | a+b",
            "Z%C3%BCrich-%E6%9D%B1%E4%BA%AC | Zürich-東京",
            "%F0%9F%98%80       | 😀"})
    void encodedIdsAreStoredDecodedAndRetrievable(String rawId, String systemId) {
        HttpResponse<String> created = client.put(rawId, "{\"segment_code\": \"C1\", \"segment_name\": \"N\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(sandbox.segment(systemId)).isPresent();
        assertThat(client.get(rawId).body()).contains("\"Segment_System_ID\":\"" + systemId + "\"");
        assertThat(client.put(rawId, "{\"segment_name\": \"M\"}").statusCode()).isEqualTo(200);
        assertThat(client.delete(rawId).statusCode()).isEqualTo(202);
    }

    @Test
    void anEscapedAmpersandCleanIsPartOfTheIdNotTheFlag() {
        // without the flag a colon in the name is refused: the &clean inside the id must not count as the flag
        assertThat(client.put("a%26clean", "{\"segment_code\": \"C1\", \"segment_name\": \"North: East\"}")
                .statusCode()).isEqualTo(400);
        client.put("a%26clean", "{\"segment_code\": \"C1\", \"segment_name\": \"North East\"}");

        assertThat(sandbox.segments()).containsExactly(SandboxSegment.active("a&clean", "C1", "North East"));
    }

    @Test
    void anEncodedIdWithTheCleanSuffix() {
        String rawId = URLEncoder.encode("a/b&c", StandardCharsets.UTF_8); // a%2Fb%26c

        client.put(rawId + "&clean", "{\"segment_code\": \"C1\", \"segment_name\": \"North: East\"}");

        assertThat(sandbox.segments()).containsExactly(SandboxSegment.active("a/b&c", "C1", "North- East"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%C3", "%FF", "a%E6%9D"})
    void escapesThatAreNotUtf8Are400(String rawId) {
        assertError(client.get(rawId), 400, "system_id '" + rawId + "' is not valid percent-encoded UTF-8");
    }

    // the JDK's URI (client and server side) refuses these before they reach the sandbox; its decoder must too
    @ParameterizedTest
    @ValueSource(strings = {"a%2", "a%zz", "%"})
    void theDecoderRefusesMalformedEscapes(String rawId) {
        assertThatThrownBy(() -> PercentDecoder.decode(rawId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two hex digits");
    }
}
