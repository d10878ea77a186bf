package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Salesforce field holds which segment field. A field left unmapped ({@code -}) is not read, so the API
 * keeps its current value. A relationship path ({@code Parent.Name}) follows the related record; when there is
 * none the value is empty. A deleted record ({@code IsDeleted}) is always {@code active=n}; any other is
 * {@code active=y} unless an active field is mapped, which then decides.
 */
final class FieldMapping {

    static final String UNSET = "-";
    static final String EVENT_HAS_NO_ID = "systemIdField must name the event field that holds the system id "
            + "(e.g. Unit_Key__c): a platform event has no record Id";

    private final String systemIdField;
    private final String segmentCodeField;
    private final String segmentNameField;
    private final String activeField;

    /** @throws IllegalArgumentException naming the parameter whose value is not a field path */
    FieldMapping(String systemIdField, String segmentCodeField, String segmentNameField, String activeField) {
        this.systemIdField = SoqlQuery.field("systemIdField", systemIdField);
        this.segmentCodeField = optional("segmentCodeField", segmentCodeField);
        this.segmentNameField = optional("segmentNameField", segmentNameField);
        this.activeField = optional("activeField", activeField);
    }

    /** The mapped fields, for the SELECT. */
    List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (String field : new String[] {systemIdField, segmentCodeField, segmentNameField, activeField}) {
            if (field != null) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** One record of a query result ({@code records[i]}) as a segment record. */
    SegmentRecord toRecord(JsonNode record, String source, String sourceRef) {
        String active = activeField == null ? "y" : text(record, activeField);
        if (record.path(SoqlQuery.IS_DELETED).asBoolean(false)) {
            active = "n";
        }
        return new SegmentRecord(source, sourceRef, text(record, systemIdField),
                segmentCodeField == null ? null : text(record, segmentCodeField),
                segmentNameField == null ? null : text(record, segmentNameField), active, SegmentAction.UPSERT);
    }

    /**
     * Whether change events can be mapped as they come: the system id is the record id and no mapped field is on a
     * related record (an event carries the fields of its own record only). Otherwise each event's records are
     * queried.
     */
    boolean mapsEvents() {
        return systemIdField.equalsIgnoreCase(SoqlQuery.ID)
                && fields().stream().noneMatch(field -> field.contains("."));
    }

    /**
     * The records of a change event, one per record id: a DELETE is {@code active=n}, an UNDELETE {@code active=y};
     * an UPDATE carries only the changed fields, so the others are not supplied (the API keeps them), and an
     * UPDATE that changed no mapped field gives no record.
     */
    List<SegmentRecord> toRecords(ChangeEvent event, String source, String topic) {
        List<SegmentRecord> records = new ArrayList<>();
        for (String recordId : event.recordIds()) {
            String sourceRef = topic + " replay id " + event.replayId() + " " + event.type() + " " + recordId;
            if (event.type() == ChangeEvent.ChangeType.DELETE) {
                records.add(new SegmentRecord(source, sourceRef, recordId, null, null, "n", SegmentAction.UPSERT));
                continue;
            }
            String code = segmentCodeField == null ? null : text(event.fields(), segmentCodeField);
            String name = segmentNameField == null ? null : text(event.fields(), segmentNameField);
            String active = activeField == null ? null : text(event.fields(), activeField);
            if (event.type() == ChangeEvent.ChangeType.UNDELETE || activeField == null && event.type() == ChangeEvent.ChangeType.CREATE) {
                active = active == null ? "y" : active;
            }
            if (code != null || name != null || active != null) {
                records.add(new SegmentRecord(source, sourceRef, recordId, code, name, active, SegmentAction.UPSERT));
            }
        }
        return records;
    }

    /**
     * The record of a platform event: the system id and the other mapped fields are the event's own; a field the
     * event leaves out or null is not supplied (the API keeps its value). An event without a system id gives a
     * record without one, whose source reference names the replay id and the field, so the pipeline rejects it
     * with both.
     */
    SegmentRecord toEventRecord(ChangeEvent event, String source, String topic) {
        String systemId = text(event.fields(), systemIdField);
        String sourceRef = topic + " replay id " + event.replayId()
                + (systemId == null || systemId.isBlank() ? ", which has no value in its field " + systemIdField
                + " (systemIdField)" : "");
        return new SegmentRecord(source, sourceRef, systemId,
                segmentCodeField == null ? null : text(event.fields(), segmentCodeField),
                segmentNameField == null ? null : text(event.fields(), segmentNameField),
                activeField == null ? null : text(event.fields(), activeField), SegmentAction.UPSERT);
    }

    /**
     * Why this mapping cannot map a platform event, or null when it can: a platform event has no record Id and no
     * related records, so the system id must be one of its own fields and no field may be a relationship path.
     */
    String platformEventProblem() {
        if (systemIdField.equalsIgnoreCase(SoqlQuery.ID)) {
            return EVENT_HAS_NO_ID;
        }
        return fields().stream().filter(field -> field.contains(".")).findFirst()
                .map(field -> "the field " + field + " is on a related record; a platform event has its own fields "
                        + "only").orElse(null);
    }

    /** The value at a field path; null when a related record or the value is missing. */
    static String text(JsonNode record, String path) {
        JsonNode node = record;
        for (String name : path.split("\\.")) {
            node = field(node, name);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** A field of a record by name; field names are not case-sensitive in Salesforce. */
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

    private static String optional(String parameter, String field) {
        return field == null || field.isBlank() || field.strip().equals(UNSET) ? null : SoqlQuery.field(parameter, field);
    }
}
