package com.ciopulse.segmentsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one mapping every source uses: each kind of field source, the active flag's rules, and what it refuses. */
class SegmentMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext camel = new DefaultCamelContext();
    private final Exchange scratch = new DefaultExchange(camel);

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aFieldComesFromItsNameAndAMissingOneIsNotSupplied() {
        SegmentMapping mapping = SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.name("Unit ID"))
                .field(SegmentRecords.SEGMENT_CODE, FieldSource.name("code"))
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.name("name"))
                .build();

        SegmentRecord record = mapping.map(json("""
                {"Unit ID": 1000, "code": 0.00000012}"""), "units", "units.json:2", null).record();

        assertThat(record).isEqualTo(new SegmentRecord("units", "units.json:2", "1000", "0.00000012", null, null,
                SegmentAction.UPSERT));
        assertThat(mapping.names()).containsExactly(Map.entry("system_id", "Unit ID"), Map.entry("segment_code", "code"),
                Map.entry("segment_name", "name"));
    }

    @Test
    void aJsonPointerReadsANestedField() {
        SegmentMapping mapping = SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.parse("/unit/id", null))
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.parse("/details/name", null))
                .build();

        SegmentRecord record = mapping.map(json("""
                {"unit": {"id": "BU-7"}, "details": {"name": "Hobart"}}"""), "units", "ref", null).record();

        assertThat(record.systemId()).isEqualTo("BU-7");
        assertThat(record.segmentName()).isEqualTo("Hobart");
        assertThat(mapping.source(SegmentRecords.SYSTEM_ID).kind()).isEqualTo(FieldSource.Kind.POINTER);
        assertThat(mapping.names()).as("a pointer is no column a header must have").isEmpty();
    }

    @Test
    void aConstantIsTheSameForEveryRecordAndThePrefixGoesBeforeEverySystemId() {
        SegmentMapping mapping = SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.parse("id", null))
                .field(SegmentRecords.ACTIVE, FieldSource.parse("'y'", null))
                .systemIdPrefix("EU-")
                .build();

        SegmentRecord record = mapping.map(json("{\"id\": \" 42 \"}"), "units", "ref", null).record();

        assertThat(record.systemId()).isEqualTo("EU-42");
        assertThat(record.active()).isEqualTo("y");
        assertThat(mapping.source(SegmentRecords.ACTIVE).kind()).isEqualTo(FieldSource.Kind.CONSTANT);
    }

    @Test
    void anExpressionIsEvaluatedOverTheRecordAsBody() {
        SegmentMapping mapping = SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.parse("id", camel))
                .field(SegmentRecords.SEGMENT_CODE, FieldSource.parse("${body[region]}-${body[code]}", camel))
                .build();

        SegmentRecord record = mapping.map(json("""
                {"id": "BU-1", "region": "EU", "code": "HBA"}"""), "units", "ref", scratch).record();

        assertThat(mapping.usesExpressions()).isTrue();
        assertThat(record.segmentCode()).isEqualTo("EU-HBA");
    }

    @Test
    void withoutAnExpressionTheRecordIsNeverTurnedIntoABody() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.name("name"))
                .build();
        RecordFields noBody = new RecordFields() {
            @Override
            public Object get(String name) {
                return name.equals("id") ? "BU-1" : "Hobart";
            }

            @Override
            public Object body() {
                throw new AssertionError("the body is built for expressions only");
            }
        };

        assertThat(mapping.usesExpressions()).isFalse();
        assertThat(mapping.map(noBody, "units", "ref", null).record().segmentName()).isEqualTo("Hobart");
    }

    @Test
    void inactiveValuesOfTheActiveFieldMeanNAndAnyOtherValueY() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentRecords.ACTIVE, FieldSource.name("status"))
                .inactiveValues(SegmentMapping.valueSet(" Closed , archived,"))
                .build();

        assertThat(active(mapping, "{\"id\": \"1\", \"status\": \"CLOSED\"}")).isEqualTo("n");
        assertThat(active(mapping, "{\"id\": \"1\", \"status\": \"open\"}")).isEqualTo("y");
        assertThat(active(mapping, "{\"id\": \"1\", \"status\": \" \"}")).as("blank: not supplied").isBlank();
        assertThat(active(mapping, "{\"id\": \"1\"}")).isNull();
    }

    @Test
    void aStatusFieldDeactivatesWhateverTheActiveFieldSays() {
        SegmentMapping statusOnly = idFrom("id")
                .deactivatedBy(FieldSource.name("deleted"), Set.of("true"))
                .build();
        SegmentMapping withActive = idFrom("id")
                .field(SegmentRecords.ACTIVE, FieldSource.name("active"))
                .deactivatedBy(FieldSource.name("deleted"), Set.of("true"))
                .build();

        assertThat(active(statusOnly, "{\"id\": \"1\", \"deleted\": true}")).isEqualTo("n");
        assertThat(active(statusOnly, "{\"id\": \"1\", \"deleted\": false}")).isEqualTo("y");
        assertThat(active(statusOnly, "{\"id\": \"1\"}")).as("no status: active").isEqualTo("y");
        assertThat(active(withActive, "{\"id\": \"1\", \"active\": \"no\", \"deleted\": false}")).isEqualTo("no");
        assertThat(active(withActive, "{\"id\": \"1\", \"active\": \"yes\", \"deleted\": true}")).isEqualTo("n");
        assertThat(statusOnly.names()).containsEntry(SegmentMapping.STATUS, "deleted");
    }

    @Test
    void aValueThatIsNoTextIsRefusedNamingTheRecordAndTheField() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentRecords.SEGMENT_CODE, FieldSource.name("code"))
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.name("name"))
                .build();

        MappedRecord mapped = mapping.map(json("""
                {"id": "BU-3", "code": "HBA", "name": {"en": "Hobart"}}"""), "units", "units.json:4", null);

        assertThat(mapped.refused()).isTrue();
        assertThat(mapped.field()).isEqualTo("segment_name");
        assertThat(mapped.record().segmentName()).isNull();
        assertThat(mapped.record().segmentCode()).isEqualTo("HBA");
        assertThat(mapped.describeProblem()).isEqualTo("source 'units' record system_id 'BU-3' at units.json:4: "
                + "field 'segment_name': is an object; expected text, a number or true/false");
    }

    @Test
    void aSourceThatCannotRefuseOneRecordTakesANestedValueAsJson() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.name("tags"))
                .nestedValuesAsJson()
                .build();

        MappedRecord mapped = mapping.map(json("{\"id\": \"1\", \"tags\": [\"a\", \"b\"]}"), "helpdesk", "page 1", null);

        assertThat(mapped.refused()).isFalse();
        assertThat(mapped.record().segmentName()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void aFailingExpressionOrAValueTheSourceRefusesNamesTheFieldAndWhy() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentRecords.SEGMENT_CODE, FieldSource.parse("${body[code].substring(9)}", camel))
                .field(SegmentRecords.SEGMENT_NAME, FieldSource.name("name"))
                .checkingValues(text -> text.contains("?") ? "holds a ?" : null)
                .build();

        MappedRecord failing = mapping.map(json("{\"id\": \"BU-9\", \"code\": \"AB\", \"name\": \"x\"}"), "units",
                "units.csv:9", scratch);
        MappedRecord refused = mapping.map(json("{\"id\": \"BU-8\", \"code\": \"ABCDEFGHIJK\", \"name\": \"?\"}"),
                "units", "units.csv:8", scratch);

        assertThat(failing.describeProblem()).startsWith("source 'units' record system_id 'BU-9' at units.csv:9: "
                + "field 'segment_code': the expression ${body[code].substring(9)} failed: ");
        assertThat(refused.record().segmentCode()).isEqualTo("JK");
        assertThat(refused.describeProblem()).isEqualTo("source 'units' record system_id 'BU-8' at units.csv:8: "
                + "field 'segment_name': holds a ?");
    }

    @Test
    void anUnknownActionIsRefusedAndANumberKeepsItsPlainNotation() {
        SegmentMapping mapping = idFrom("id")
                .field(SegmentMapping.ACTION, FieldSource.name("action"))
                .build();

        MappedRecord mapped = mapping.map(json("{\"id\": 7, \"action\": \"remove\"}"), "units", "ref", null);

        assertThat(mapped.record().systemId()).isEqualTo("7");
        assertThat(mapped.field()).isEqualTo("action");
        assertThat(mapped.problem()).isEqualTo("action 'remove' is not one of upsert, delete");
        assertThat(FieldText.of(new BigDecimal("1E+3"), false)).isEqualTo("1000");
    }

    @Test
    void aFieldThatIsNoSegmentFieldIsRefusedWhenTheMappingIsBuilt() {
        assertThatThrownBy(() -> SegmentMapping.builder().field("parent", FieldSource.name("parent_id")))
                .hasMessage("no segment field parent; one of [system_id, segment_code, segment_name, active, action]");
    }

    private static SegmentMapping.Builder idFrom(String name) {
        return SegmentMapping.builder().field(SegmentRecords.SYSTEM_ID, FieldSource.name(name));
    }

    private String active(SegmentMapping mapping, String record) {
        return mapping.map(json(record), "units", "ref", null).record().active();
    }

    /** A JSON object's fields by name or pointer, as a JSON source reads them. */
    private static RecordFields json(String text) {
        JsonNode object;
        try {
            object = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return new RecordFields() {
            @Override
            public Object get(String name) {
                return object.get(name);
            }

            @Override
            public Object at(com.fasterxml.jackson.core.JsonPointer pointer) {
                return object.at(pointer);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Object body() {
                return JSON.convertValue(object, Map.class);
            }
        };
    }
}
