package com.ciopulse.segmentsync.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the bodies the Segments API answers with: the segment list of a GET, one segment, and error JSON.
 *
 * <p>The documented list ends with a comma before {@code ]}, which strict JSON refuses; trailing commas are
 * accepted for that reason.
 */
public final class SegmentResponses {

    /** Longest error text {@link #errorMessage} returns; an error page must not flood the log. */
    public static final int MAX_ERROR_LENGTH = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SegmentResponses() {
    }

    /**
     * Parses the list a GET on {@code /segments} returns:
     * {@code {"segments":[{"segment":{"Segment_System_ID":"SEG123","Segment_Code":"NZ",...}}, ...]}}.
     *
     * @return the segments in the order the API sent them; empty for an empty list
     * @throws IllegalArgumentException when the body is not that shape, saying what was wrong
     */
    public static List<RemoteSegment> parseList(String body) {
        JsonNode segments = segmentsArray(readObject(body));
        List<RemoteSegment> result = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            result.add(segment(segments.get(i), "segments[" + i + "]"));
        }
        return result;
    }

    /**
     * Parses a GET on {@code /segments/{system_id}}: either the list shape (its first element is taken) or a bare
     * {@code {"segment":{...}}}.
     *
     * @return the segment; empty when the list is empty
     * @throws IllegalArgumentException when the body is neither shape, saying what was wrong
     */
    public static Optional<RemoteSegment> parseOne(String body) {
        JsonNode root = readObject(body);
        if (root.has("segment")) {
            return Optional.of(segment(root, "the body"));
        }
        JsonNode segments = segmentsArray(root);
        return segments.isEmpty() ? Optional.empty() : Optional.of(segment(segments.get(0), "segments[0]"));
    }

    /**
     * The text to report for an error response: the {@code message} of the API's error JSON
     * ({@code {"message":"Invalid security credentials","status":401}}), otherwise the body itself (a proxy's
     * HTML page, say), trimmed. Either is cut to {@value #MAX_ERROR_LENGTH} characters.
     *
     * @return the message; {@code ""} for a null or blank body
     */
    public static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        if (!text.contains("\"message\"")) {
            return cut(text); // no message to take (a Segment_* answer, say): not parsed on every call
        }
        try {
            JsonNode message = JSON.readTree(text).get("message");
            if (message != null && message.isValueNode() && !message.isNull()) {
                text = message.asText().strip();
            }
        } catch (JsonProcessingException notJson) {
            // not the API's error JSON: report the body as it is
        }
        return cut(text);
    }

    private static JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the Segments API response is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(withoutByteOrderMark(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the Segments API response is not valid JSON: "
                    + ParseErrors.describe(e, 1), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the Segments API response is a JSON " + nodeType(root)
                    + "; expected an object");
        }
        return root;
    }

    private static JsonNode segmentsArray(JsonNode root) {
        JsonNode segments = root.get("segments");
        if (segments == null || !segments.isArray()) {
            throw new IllegalArgumentException("the Segments API response has no \"segments\" array; it has the "
                    + "fields " + fieldNames(root));
        }
        return segments;
    }

    /** Reads one {@code {"segment":{...}}} element; {@code where} names it in errors. */
    private static RemoteSegment segment(JsonNode element, String where) {
        JsonNode fields = element.get("segment");
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException(where + " is not a {\"segment\":{...}} object");
        }
        String systemId = text(fields, "Segment_System_ID", where);
        if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException(where + " has no Segment_System_ID");
        }
        String active;
        try {
            active = ActiveFlag.parse(text(fields, "Active", where)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (Segment_System_ID '" + TextChars.printable(systemId)
                    + "') has an Active flag " + e.getMessage(), e);
        }
        return new RemoteSegment(systemId, text(fields, "Segment_Code", where), text(fields, "Segment_Name", where),
                active);
    }

    /** A field as text: strings as they are, numbers and booleans as written; null when absent or null. */
    private static String text(JsonNode fields, String name, String where) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(where + "." + name + " is a JSON " + nodeType(value)
                    + "; expected text");
        }
        return value.asText();
    }

    private static String nodeType(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String withoutByteOrderMark(String body) {
        return body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
    }

    /** Cuts to the maximum length without splitting a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_ERROR_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ERROR_LENGTH - 1)) ? MAX_ERROR_LENGTH - 1
                : MAX_ERROR_LENGTH;
        return text.substring(0, end);
    }
}
