package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.segment.SegmentJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What {@code segment_state} keeps of a state: its fields as a JSON object ({@code payload}) and the SHA-256 of
 * that text ({@code content_hash}). The text is the one a Jackson {@code ObjectNode} of the same fields prints,
 * character for character (Jackson escapes the values), so rows written before read and hash the same.
 * Not thread-safe: the state store's committer keeps one and reuses its digest for every row.
 */
final class StatePayload {

    private final MessageDigest sha256;

    StatePayload() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code {"segment_code":...,"segment_name":...,"active":...}}, leaving out the fields that are null. */
    String json(SegmentState state) {
        return SegmentJson.of(state.segmentCode(), state.segmentName(), state.active());
    }

    /** The SHA-256 of the text's UTF-8 bytes, as lower-case hex. */
    String hash(String text) {
        return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
