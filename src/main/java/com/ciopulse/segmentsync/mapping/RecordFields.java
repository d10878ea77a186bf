package com.ciopulse.segmentsync.mapping;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * The fields of one source record, named as its source names them: a CSV column or JSON field, a database column,
 * a Salesforce field path ({@code Parent.Name}), a JSONPath into a helpdesk record ({@code $.organization_fields.code}).
 * Each source reads its own records this way; {@link SegmentMapping} says which field becomes which segment field.
 */
public interface RecordFields {

    /** The value of the named field; null when the record has none. */
    Object get(String name);

    /** The value at a JSON Pointer ({@code /unit/id}); a record without nested fields reads the pointer as a name. */
    default Object at(JsonPointer pointer) {
        return get(pointer.toString());
    }

    /** The record as the body of a mapping expression: {@code ${body[Unit Name]}} reads it. */
    Object body();
}
