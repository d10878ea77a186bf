package com.ciopulse.segmentsync.segment;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds {@link SegmentRecord}s from the shapes routes hand over, such as a map parsed from JSON or YAML. */
public final class SegmentRecords {

    /** Key of the system id in a map. */
    public static final String SYSTEM_ID = "system_id";
    /** Key of the segment code in a map (the API's field name). */
    public static final String SEGMENT_CODE = "segment_code";
    /** Key of the segment name in a map (the API's field name). */
    public static final String SEGMENT_NAME = "segment_name";
    /** Key of the active flag in a map (the API's field name). */
    public static final String ACTIVE = "active";

    private static final List<String> KEYS = List.of(SYSTEM_ID, SEGMENT_CODE, SEGMENT_NAME, ACTIVE);

    private SegmentRecords() {
    }

    /**
     * Reads a record from a map with the keys {@code system_id}, {@code segment_code}, {@code segment_name} and
     * {@code active}; other keys are ignored. A missing key or a null value means "not supplied". Text, numbers
     * and booleans become text ({@code 12} → {@code "12"}, {@code true} → {@code "true"}); values are not
     * validated here, {@link SegmentValidator} does that.
     *
     * @throws SegmentValidationException when a value is a list, a map or another type that is not text
     */
    public static SegmentRecord fromMap(Map<String, ?> fields, String source, String sourceRef,
                                        SegmentAction action) {
        Objects.requireNonNull(fields, "fields");
        Map<String, String> text = new HashMap<>();
        String badKey = null;
        for (String key : KEYS) {
            Object value = fields.get(key);
            if (isScalar(value)) {
                text.put(key, asText(value));
            } else if (badKey == null) {
                badKey = key;
            }
        }
        SegmentRecord record = new SegmentRecord(source, sourceRef, text.get(SYSTEM_ID), text.get(SEGMENT_CODE),
                text.get(SEGMENT_NAME), text.get(ACTIVE), action);
        if (badKey != null) {
            throw new SegmentValidationException(record, badKey, "is a " + fields.get(badKey).getClass().getName()
                    + "; expected text, a number or true/false");
        }
        return record;
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof CharSequence || value instanceof Number
                || value instanceof Boolean || value instanceof Character;
    }

    private static String asText(Object value) {
        if (value == null) {
            return null;
        }
        // plain notation: a code read as 1E+3 would not be the code the source holds
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
