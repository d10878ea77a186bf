package com.ciopulse.segmentsync.source.file;

import java.util.Map;

/** The fields of one record: CSV columns by header name or JSON fields by name. */
interface RowFields {

    /**
     * The value of a column or field, matched by name ignoring case (a JSON Pointer such as {@code /unit/id} for
     * nested JSON fields); null when the record has none. CSV gives text, JSON a {@code JsonNode}.
     */
    Object get(String name);

    /** The record as a map, the body a mapping expression sees: {@code ${body[Unit Name]}}. */
    Map<String, Object> asMap();
}
