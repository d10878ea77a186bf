package com.ciopulse.segmentsync.segment;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A segment's fields as the JSON object the API takes: {@code segment_code}, {@code segment_name}, {@code active}
 * in that order, each only when supplied. The PUT body and the state store's copy of what was accepted are this
 * same text. Values are escaped as Jackson's generator escapes them ({@code "}, {@code \} and control characters);
 * non-ASCII text stays as it is.
 */
public final class SegmentJson {

    private SegmentJson() {
    }

    /** The object of the non-null fields; {@code {}} when none is. */
    public static String of(String segmentCode, String segmentName, String active) {
        StringBuilder json = new StringBuilder(64 + length(segmentCode) + length(segmentName) + length(active));
        json.append('{');
        appendIfSupplied(json, "segment_code", segmentCode);
        appendIfSupplied(json, "segment_name", segmentName);
        appendIfSupplied(json, "active", active);
        return json.append('}').toString();
    }

    private static void appendIfSupplied(StringBuilder json, String field, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(field).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
