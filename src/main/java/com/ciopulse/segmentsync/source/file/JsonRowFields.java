package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.mapping.RecordFields;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** A JSON object's fields: by name (exact first, then ignoring case), or by JSON Pointer for nested ones. */
final class JsonRowFields implements RecordFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode object;

    JsonRowFields(ObjectNode object) {
        this.object = object;
    }

    @Override
    public Object get(String name) {
        JsonNode value = object.get(name);
        return present(value == null ? ignoringCase(name) : value);
    }

    @Override
    public Object at(JsonPointer pointer) {
        return present(object.at(pointer));
    }

    private static JsonNode present(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? null : value;
    }

    private JsonNode ignoringCase(String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** The record as a map: {@code ${body[region]}}. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> body() {
        return MAPPER.convertValue(object, Map.class);
    }
}
