package com.ciopulse.segmentsync.segment;

import java.util.Locale;

/** What a source asks the pipeline to do with one segment. */
public enum SegmentAction {
    /** Create the segment or update the fields the source supplies (HTTP PUT). */
    UPSERT,
    /** Remove the segment (HTTP DELETE). */
    DELETE;

    /** Reads the action a source or a header names; blank means {@link #UPSERT}. */
    public static SegmentAction parse(String value) {
        if (value == null || value.isBlank()) {
            return UPSERT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action '" + value + "' is not one of upsert, delete", e);
        }
    }
}
