package com.ciopulse.segmentsync.source.file;

import java.util.Locale;

/** The formats a drop folder takes. */
enum DropFileFormat {
    /** A header row, then one record per row. */
    CSV,
    /** An array of objects: the whole file, or at a JSON Pointer inside it. */
    JSON,
    /** One JSON object per line. */
    JSONL;

    static DropFileFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the file-drop format must be csv, json or jsonl, not '" + value + "'");
        }
    }
}
