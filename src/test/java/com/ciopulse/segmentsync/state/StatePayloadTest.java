package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The payload and hash of a state must stay what the state store wrote before (a Jackson {@code ObjectNode}'s
 * text and a fresh SHA-256 of it): stored rows are read and compared as that text.
 */
class StatePayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWKWARD = "say \"hi\" \\ back\\slash / tab\t nl\n cr\r bell\u0007 nul\u0000 del\u007f"
            + " café Zürich 中文 \u2028\u2029 emoji \uD83D\uDE00 lone \uD800 end";

    private final StatePayload payload = new StatePayload();

    @Test
    void writesWhatJacksonWritesForAwkwardValues() {
        assertSameAsJackson(state("C-\"1\"", AWKWARD, "y"));
        assertSameAsJackson(state("", " ", "n"));
    }

    @Test
    void writesWhatJacksonWritesForEveryCharacter() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            every.append(c);
        }
        assertSameAsJackson(state("C-1", every.toString(), "y"));
    }

    @Test
    void leavesOutTheFieldsNeverSent() {
        assertThat(payload.json(state(null, "Sales", null))).isEqualTo("{\"segment_name\":\"Sales\"}");
        assertThat(payload.json(state(null, null, null))).isEqualTo("{}");
        assertSameAsJackson(state("C-1", null, "y"));
    }

    @Test
    void hashesLikeAFreshDigestRowAfterRow() throws Exception {
        for (String json : new String[] {payload.json(state("C-1", AWKWARD, "y")), "{}", "{\"active\":\"n\"}"}) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            assertThat(payload.hash(json)).isEqualTo(HexFormat.of().formatHex(digest));
        }
        // a row the store wrote before: the same text, the same hash
        assertThat(payload.hash(payload.json(state("C-1", "Sales", "y"))))
                .isEqualTo("7a54700e9cf2b38a115e7f26fd26813f1c793f777fdedbaf538b0523b50114c7");
    }

    /** Both the text and the hash, and with the buffer used for another row first. */
    private void assertSameAsJackson(SegmentState state) {
        payload.json(state("other", "row", "n"));
        ObjectNode fields = JSON.createObjectNode();
        putIfPresent(fields, "segment_code", state.segmentCode());
        putIfPresent(fields, "segment_name", state.segmentName());
        putIfPresent(fields, "active", state.active());

        assertThat(payload.json(state)).isEqualTo(fields.toString());
    }

    private static void putIfPresent(ObjectNode fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static SegmentState state(String code, String name, String active) {
        return new SegmentState("EU-1", code, name, active, "erp-units", Instant.parse("2026-03-01T02:00:00Z"));
    }
}
