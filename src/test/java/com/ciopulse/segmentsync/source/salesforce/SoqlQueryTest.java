package com.ciopulse.segmentsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SOQL a source sends, and how a result record becomes a segment record. */
class SoqlQueryTest {

    @Test
    void aCustomObjectWithARelationshipFieldAndACondition() {
        SegmentMapping mapping = SalesforceQuerySource.mapping("Region_Key__c", "Code__c", "Parent_Region__r.Name", "Is_Active__c");
        SoqlQuery query = new SoqlQuery("Region__c", List.copyOf(mapping.names().values()), "Country__c = 'NZ'");

        assertThat(query.since(null)).isEqualTo("SELECT Id, Region_Key__c, Code__c, Parent_Region__r.Name, Is_Active__c,"
                + " SystemModstamp, IsDeleted FROM Region__c WHERE (Country__c = 'NZ') ORDER BY SystemModstamp, Id");
        assertThat(query.since(Instant.parse("2026-03-01T09:59:00.750Z"))).endsWith(
                " WHERE (Country__c = 'NZ') AND SystemModstamp >= 2026-03-01T09:59:00Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void aReQueryOfNamedRecordsTakesRecordIdsOnly() {
        SoqlQuery query = new SoqlQuery("Account", List.of("AccountNumber"), "Type = 'Branch'");

        assertThat(query.records(List.of("001000000000001AAA", "001000000000002"))).isEqualTo(
                "SELECT Id, AccountNumber, SystemModstamp, IsDeleted FROM Account WHERE (Type = 'Branch')"
                        + " AND Id IN ('001000000000001AAA', '001000000000002') ORDER BY SystemModstamp, Id");
        assertThatThrownBy(() -> query.records(List.of("001000000000001AAA", "x') OR (Name != '")))
                .hasMessage("'x') OR (Name != '' is not a Salesforce record id");
    }

    @Test
    void aFieldIsSelectedOnceWhateverItsCase() {
        SoqlQuery query = new SoqlQuery("Account", List.of("id", "Name", "systemmodstamp"), null);

        assertThat(query.since(null)).isEqualTo("SELECT Id, Name, SystemModstamp, IsDeleted FROM Account ORDER BY SystemModstamp, Id");
    }

    @Test
    void onlyObjectAndFieldNamesGoIntoTheQuery() {
        assertThatThrownBy(() -> new SoqlQuery("Account WHERE Id != null", List.of(), null))
                .hasMessage("sObjectName must be a Salesforce object name such as Account or Region__c, not 'Account WHERE Id != null'");
        assertThatThrownBy(() -> SalesforceQuerySource.mapping("Id", "Name, (SELECT Id FROM Contacts)", "Name", "-"))
                .hasMessageStartingWith("segmentCodeField must be a Salesforce field such as Name, Code__c or Parent.Name");
        assertThatThrownBy(() -> SalesforceQuerySource.mapping("Id", "A.B.C.D.E.F", "Name", "-")).hasMessageContaining("A.B.C.D.E.F");
    }

    @Test
    void aRecordMapsByPathAndDeletedMeansInactive() throws Exception {
        SegmentMapping mapping = SalesforceQuerySource.mapping("Id", "AccountNumber", "Parent.Name", "-");
        ObjectMapper json = new ObjectMapper();

        SegmentRecord withParent = toRecord(mapping, json.readTree("""
                {"Id":"001A","AccountNumber":"AUS","Parent":{"Name":"Oceania"},"IsDeleted":false}"""), "sf", "ref");
        SegmentRecord withoutParent = toRecord(mapping, json.readTree("""
                {"Id":"001B","AccountNumber":"NZ","Parent":null,"IsDeleted":true}"""), "sf", "ref");

        assertThat(withParent).extracting(SegmentRecord::systemId, SegmentRecord::segmentCode, SegmentRecord::segmentName,
                SegmentRecord::active).containsExactly("001A", "AUS", "Oceania", "y");
        assertThat(withoutParent).extracting(SegmentRecord::systemId, SegmentRecord::segmentName, SegmentRecord::active)
                .containsExactly("001B", null, "n");
    }

    @Test
    void anActiveFieldDecidesUnlessTheRecordIsDeleted() throws Exception {
        SegmentMapping mapping = SalesforceQuerySource.mapping("Id", "-", "Name", "Is_Active__c");
        ObjectMapper json = new ObjectMapper();

        assertThat(toRecord(mapping, json.readTree("{\"Id\":\"a\",\"Is_Active__c\":false}"), "sf", "r").active()).isEqualTo("false");
        assertThat(toRecord(mapping, json.readTree("{\"Id\":\"a\",\"Is_Active__c\":true}"), "sf", "r").active()).isEqualTo("true");
        assertThat(toRecord(mapping, json.readTree("{\"Id\":\"a\",\"Is_Active__c\":true,\"IsDeleted\":true}"), "sf", "r").active())
                .isEqualTo("n");
        assertThat(toRecord(mapping, json.readTree("{\"Id\":\"a\"}"), "sf", "r").segmentCode()).isNull();
        assertThat(toRecord(SalesforceQuerySource.mapping("id", "-", "name", "-"), json.readTree("{\"Id\":\"a\",\"Name\":\"N\"}"), "sf", "r"))
                .extracting(SegmentRecord::systemId, SegmentRecord::segmentName).containsExactly("a", "N");
    }

    private static SegmentRecord toRecord(SegmentMapping mapping, JsonNode record, String source, String sourceRef) {
        return mapping.map(new SalesforceFields(record), source, sourceRef, null).record();
    }
}
