package com.ciopulse.segmentsync.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link SegmentRecords#fromMap}: records from the maps a YAML route hands over (parsed JSON, say). */
class SegmentRecordsTest {

    @Test
    void readsTheApiFieldNames() {
        Map<String, Object> fields = Map.of("system_id", "BU-7", "segment_code", "VIC", "segment_name", "Victoria",
                "active", "y", "colour", "ignored");

        SegmentRecord record = SegmentRecords.fromMap(fields, "yaml-route", "msg-1", SegmentAction.UPSERT);

        assertThat(record).isEqualTo(new SegmentRecord("yaml-route", "msg-1", "BU-7", "VIC", "Victoria", "y",
                SegmentAction.UPSERT));
    }

    @Test
    void missingKeysAndNullValuesAreNotSupplied() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("system_id", "BU-7");
        fields.put("segment_name", null);

        SegmentRecord record = SegmentRecords.fromMap(fields, "yaml-route", null, null);

        assertThat(record.segmentCode()).isNull();
        assertThat(record.segmentName()).isNull();
        assertThat(record.active()).isNull();
        assertThat(record.action()).isEqualTo(SegmentAction.UPSERT);
    }

    @Test
    void numbersAndBooleansBecomeText() {
        Map<String, Object> fields = Map.of("system_id", 4711L, "segment_code", new BigDecimal("1E+3"),
                "segment_name", 42, "active", Boolean.FALSE);

        SegmentRecord record = SegmentRecords.fromMap(fields, "yaml-route", null, SegmentAction.UPSERT);

        assertThat(record.systemId()).isEqualTo("4711");
        assertThat(record.segmentCode()).isEqualTo("1000");
        assertThat(record.segmentName()).isEqualTo("42");
        assertThat(new SegmentValidator(SanitizingPolicy.REPLACE).validate(record).active()).isEqualTo("n");
    }

    @Test
    void parsedJsonGoesAllTheWayToAPayload() throws Exception {
        Map<String, Object> fields = new ObjectMapper().readValue(
                "{\"system_id\": 12, \"segment_code\": \"ZH\", "
                        + "\"segment_name\": \"Zürich \\\"Süd\\\"\", \"active\": 1}",
                new TypeReference<>() { });

        SegmentRecord record = SegmentRecords.fromMap(fields, "yaml-route", null, SegmentAction.UPSERT);
        ValidSegment segment = new SegmentValidator(SanitizingPolicy.REPLACE).validate(record);

        assertThat(segment.systemId()).isEqualTo("12");
        assertThat(segment.payloadJson())
                .isEqualTo("{\"segment_code\":\"ZH\",\"segment_name\":\"Zürich 'Süd'\",\"active\":\"y\"}");
    }

    @Test
    void aListOrMapValueIsAValidationErrorNamingTheField() {
        Map<String, Object> fields = Map.of("system_id", "BU-7", "segment_name", List.of("a", "b"));

        SegmentValidationException error = catchThrowableOfType(SegmentValidationException.class,
                () -> SegmentRecords.fromMap(fields, "yaml-route", "msg-1", SegmentAction.UPSERT));

        assertThat(error.field()).isEqualTo("segment_name");
        assertThat(error).hasMessageStartingWith("source 'yaml-route' record system_id 'BU-7' at msg-1: "
                + "field 'segment_name': is a ");
        assertThat(error).hasMessageEndingWith("; expected text, a number or true/false");
    }
}
