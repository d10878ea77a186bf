package com.ciopulse.segmentsync.source.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** A JSON object's fields: by name (exact first, then ignoring case), or by JSON Pointer for nested ones. */
final class JsonRowFields implements RowFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode object;

    JsonRowFields(ObjectNode object) {
        this.object = object;
    }

    @Override
    public Object get(String name) {
        JsonNode value = name.startsWith("/") ? object.at(name) : object.get(name);
        if (value == null) {
            value = ignoringCase(name);
        }
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

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return MAPPER.convertValue(object, Map.class);
    }

    /** How a report names the kind of a JSON value. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
