package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.ActiveFlag;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One event as the Pub/Sub API delivered it (decoded with its Avro schema): a Change Data Capture event with its
 * replay id, the change type and record ids of its {@code ChangeEventHeader}, and the field values it carries (an
 * UPDATE carries only the fields that changed; the GAP types and GAP_OVERFLOW carry none), or a platform event
 * ({@link ChangeType#PLATFORM_EVENT}): no header, no record ids, only its own fields.
 *
 * @param fields the non-null fields of the event by name (compound fields such as an address as nested objects)
 */
record ChangeEvent(String replayId, ChangeType type, List<String> recordIds, JsonNode fields) {

    static final String HEADER = "ChangeEventHeader";

    /** The change types of a ChangeEventHeader, and a platform event's (which has none). */
    enum ChangeType {
        CREATE, UPDATE, DELETE, UNDELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW,
        /** A platform event (/event/...): it names no record; its own fields say which segment and what. */
        PLATFORM_EVENT,
        /** A type this source does not know (SNAPSHOT, or one Salesforce adds later): its records are re-queried. */
        OTHER;

        /** Whether the event names its records but carries no field values (Salesforce could not say what changed). */
        boolean isGap() {
            return name().startsWith("GAP_");
        }
    }

    /**
     * @throws SalesforceSourceException when the event is not a change event (no ChangeEventHeader)
     */
    static ChangeEvent of(Object body, String replayId) {
        if (!(body instanceof GenericRecord event) || !(value(event, HEADER) instanceof GenericRecord header)) {
            throw new SalesforceSourceException("event " + replayId + " is not a change event (no " + HEADER
                    + "); a platform event topic starts with /event/");
        }
        String changeType = String.valueOf(value(header, "changeType"));
        ChangeType type;
        try {
            type = ChangeType.valueOf(changeType.toUpperCase(Locale.ROOT));
            type = type == ChangeType.PLATFORM_EVENT ? ChangeType.OTHER : type;
        } catch (IllegalArgumentException unknown) {
            type = ChangeType.OTHER;
        }
        List<String> ids = new ArrayList<>();
        if (value(header, "recordIds") instanceof Iterable<?> recordIds) {
            recordIds.forEach(id -> ids.add(String.valueOf(id)));
        }
        ObjectNode fields = fields(event);
        fields.remove(HEADER);
        return new ChangeEvent(replayId, type, List.copyOf(ids), fields);
    }

    /**
     * A platform event: its fields, whatever its schema.
     *
     * @throws SalesforceSourceException when the body is not a decoded event
     */
    static ChangeEvent platformEvent(Object body, String replayId) {
        if (!(body instanceof GenericRecord event)) {
            throw new SalesforceSourceException("event " + replayId + " could not be decoded");
        }
        return new ChangeEvent(replayId, ChangeType.PLATFORM_EVENT, List.of(), fields(event));
    }

    /**
     * The records of a change event, one per record id, by the source's mapping: a DELETE is {@code active=n}, an
     * UNDELETE {@code active=y}; an UPDATE carries only the changed fields, so the others are not supplied (the API
     * keeps them), and an UPDATE that changed no mapped field gives no record.
     */
    List<SegmentRecord> records(SegmentMapping mapping, String source, String topic) {
        SalesforceFields carried = new SalesforceFields(fields);
        List<SegmentRecord> records = new ArrayList<>();
        for (String recordId : recordIds) {
            String sourceRef = topic + " replay id " + replayId + " " + type + " " + recordId;
            if (type == ChangeType.DELETE) {
                records.add(new SegmentRecord(source, sourceRef, recordId, null, null, ActiveFlag.NO, SegmentAction.UPSERT));
                continue;
            }
            String code = mapping.value(SegmentRecords.SEGMENT_CODE, carried, null);
            String name = mapping.value(SegmentRecords.SEGMENT_NAME, carried, null);
            String active = mapping.value(SegmentRecords.ACTIVE, carried, null);
            boolean activeUnmapped = mapping.source(SegmentRecords.ACTIVE).isNone();
            if (type == ChangeType.UNDELETE || activeUnmapped && type == ChangeType.CREATE) {
                active = active == null ? ActiveFlag.YES : active;
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
    SegmentRecord platformEventRecord(SegmentMapping mapping, String source, String topic) {
        SalesforceFields carried = new SalesforceFields(fields);
        String systemId = mapping.value(SegmentRecords.SYSTEM_ID, carried, null);
        String sourceRef = topic + " replay id " + replayId + (systemId == null || systemId.isBlank()
                ? ", which has no value in its field " + mapping.source(SegmentRecords.SYSTEM_ID) + " (systemIdField)" : "");
        return new SegmentRecord(source, sourceRef, systemId, mapping.value(SegmentRecords.SEGMENT_CODE, carried, null),
                mapping.value(SegmentRecords.SEGMENT_NAME, carried, null),
                mapping.value(SegmentRecords.ACTIVE, carried, null), SegmentAction.UPSERT);
    }

    private static ObjectNode fields(GenericRecord record) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof GenericRecord nested) {
                fields.set(field.name(), fields(nested));
            } else if (value instanceof Boolean flag) {
                fields.put(field.name(), flag);
            } else if (value != null) {
                fields.put(field.name(), value.toString());
            }
        }
        return fields;
    }

    private static Object value(GenericRecord record, String name) {
        return record.getSchema().getField(name) == null ? null : record.get(name);
    }

    @Override
    public String toString() {
        return type == ChangeType.PLATFORM_EVENT ? "platform event (replay id " + replayId + ")"
                : type + " " + recordIds + " (replay id " + replayId + ")";
    }
}
