package com.ciopulse.segmentsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Writes the JSON bodies of the Segments API in the shapes of its reference. */
final class ApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    /** {@code {"message":"...","status":401}}: the shape of every error (and of the sandbox's 202). */
    static String message(int status, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("message", message).put("status", status);
        return write(node);
    }

    /** {@code {"segment":{"Segment_System_ID":..,"Segment_Code":..,"Segment_Name":..,"Active":"Y"}}}. */
    static String segment(SandboxSegment segment) {
        ObjectNode fields = MAPPER.createObjectNode()
                .put("Segment_System_ID", segment.systemId())
                .put("Segment_Code", segment.segmentCode())
                .put("Segment_Name", segment.segmentName())
                .put("Active", segment.active().toUpperCase(Locale.ROOT));
        ObjectNode wrapper = MAPPER.createObjectNode();
        wrapper.set("segment", fields);
        return write(wrapper);
    }

    /**
     * The list exactly as the reference prints it: one segment per line, each followed by a comma, the last one
     * too, so the text is not strict JSON. Clients must cope with that trailing comma.
     */
    static String segmentList(List<SandboxSegment> segments) {
        StringBuilder json = new StringBuilder("{\"segments\":\n[");
        segments.forEach(segment -> json.append(segment(segment)).append(",\n"));
        return json.append("]}").toString();
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen for a tree of strings and numbers
        }
    }
}
