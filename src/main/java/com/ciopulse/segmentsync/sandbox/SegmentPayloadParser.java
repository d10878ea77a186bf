package com.ciopulse.segmentsync.sandbox;

import static com.ciopulse.segmentsync.sandbox.SegmentChanges.ACTIVE;
import static com.ciopulse.segmentsync.sandbox.SegmentChanges.SEGMENT_CODE;
import static com.ciopulse.segmentsync.sandbox.SegmentChanges.SEGMENT_NAME;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and validates the JSON payload of a PUT; every problem becomes a 400 that names it. */
final class SegmentPayloadParser {

    private static final Set<String> FIELDS = Set.of(SEGMENT_CODE, SEGMENT_NAME, ACTIVE);
    private static final String FIELD_LIST = SEGMENT_CODE + ", " + SEGMENT_NAME + ", " + ACTIVE;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SegmentPayloadParser() {
    }

    /** Reads the raw request body, which must be UTF-8. */
    static SegmentChanges parse(byte[] rawBody) {
        String body;
        try {
            body = Utf8.decodeStrictly(rawBody);
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("Request body is not valid UTF-8");
        }
        int backslash = body.indexOf('\\');
        if (backslash >= 0) {
            // the reference: "Your JSON must never include a backslash", escapes included
            throw ApiError.badRequest("JSON must not contain a backslash (\\); found one at character " + backslash);
        }
        JsonNode payload = readTree(body);
        if (!payload.isObject()) {
            throw ApiError.badRequest("JSON payload must be an object holding one Segment, not "
                    + typeOf(payload));
        }
        for (Map.Entry<String, JsonNode> field : payload.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw ApiError.badRequest("Unknown field '" + field.getKey() + "'; allowed fields are " + FIELD_LIST);
            }
        }
        return new SegmentChanges(text(payload, SEGMENT_CODE), text(payload, SEGMENT_NAME), active(payload));
    }

    private static JsonNode readTree(String body) {
        if (body.isBlank()) {
            throw ApiError.badRequest("JSON payload is missing; send an object such as"
                    + " {\"segment_code\":\"VIC\",\"segment_name\":\"Victoria\"}");
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.badRequest("Malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** The field's string value, null when omitted; present but not a non-blank string is a 400. */
    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("Field '" + field + "' must be a string, not " + typeOf(value)
                    + " (omit the field to leave it unchanged)");
        }
        if (value.textValue().isBlank()) {
            throw ApiError.badRequest("Field '" + field + "' must not be blank");
        }
        return value.textValue();
    }

    private static String active(JsonNode payload) {
        String value = text(payload, ACTIVE);
        if (value == null) {
            return null;
        }
        String flag = value.toLowerCase(Locale.ROOT);
        if (!flag.equals("y") && !flag.equals("n")) {
            throw ApiError.badRequest("Field 'active' must be y or n (either case), not '" + value + "'");
        }
        return flag;
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
