package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.mapping.RecordFields;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a Salesforce record (a query result's record, or a change event's fields) by field name or
 * relationship path ({@code Parent.Name}): a path follows the related record, and where there is none the value is
 * empty. Field names are not case-sensitive in Salesforce.
 */
final class SalesforceFields implements RecordFields {

    private final JsonNode record;

    SalesforceFields(JsonNode record) {
        this.record = record;
    }

    @Override
    public Object get(String path) {
        JsonNode node = node(record, path);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    @Override
    public Object body() {
        return record;
    }

    /** The value at a field path as text; null when a related record or the value is missing. */
    static String text(JsonNode record, String path) {
        JsonNode node = node(record, path);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static JsonNode node(JsonNode record, String path) {
        JsonNode node = record;
        for (String name : path.split("\\.")) {
            node = field(node, name);
        }
        return node;
    }

    private static JsonNode field(JsonNode record, String name) {
        JsonNode value = record.path(name);
        if (value.isMissingNode() && record.isObject()) {
            for (var fields = record.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (field.getKey().equalsIgnoreCase(name)) {
                    return field.getValue();
                }
            }
        }
        return value;
    }
}
