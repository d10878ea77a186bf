package com.ciopulse.segmentsync.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.ciopulse.segmentsync.segment.SanitizingPolicy.REJECT;
import static com.ciopulse.segmentsync.segment.SanitizingPolicy.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link SegmentValidator} and the {@link SegmentValidationException}s it explains records with. */
class SegmentValidatorTest {

    private static SegmentRecord upsert(String systemId, String code, String name, String active) {
        return new SegmentRecord("file-drop", "orders.csv:12", systemId, code, name, active, SegmentAction.UPSERT);
    }

    @Test
    void validRecordBecomesTrimmedSanitizedSegment() {
        ValidSegment segment = new SegmentValidator(REPLACE)
                .validate(upsert("  BU-7 ", " VIC ", "  Victoria \"East\" ", " Yes "));

        assertThat(segment).isEqualTo(new ValidSegment("BU-7", "VIC", "Victoria 'East'", "y", SegmentAction.UPSERT,
                "file-drop", "orders.csv:12"));
        assertThat(segment.complete()).isTrue();
        assertThat(segment.payloadJson())
                .isEqualTo("{\"segment_code\":\"VIC\",\"segment_name\":\"Victoria 'East'\",\"active\":\"y\"}");
    }

    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void partialRecordIsAnUpdateThatMayNotBeEnoughToCreate(SanitizingPolicy policy) {
        ValidSegment segment = new SegmentValidator(policy)
                .validate(upsert("BU-7", null, "Australia & New Zealand", ""));

        assertThat(segment.segmentCode()).isNull();
        assertThat(segment.active()).isNull();
        assertThat(segment.complete()).isFalse();
        assertThat(segment.payloadJson()).isEqualTo("{\"segment_name\":\"Australia & New Zealand\"}");
    }

    @Test
    void upsertWithNothingToSendIsRefused() {
        SegmentValidationException error = validationError(REPLACE, upsert("BU-7", " ", "\u0000", null));

        assertThat(error.field()).isEqualTo("segment_name");
        assertThat(error).hasMessage("source 'file-drop' record system_id 'BU-7' at orders.csv:12: field "
                + "'segment_name': nothing to update: none of segment_code, segment_name, active is supplied "
                + "(blank values count as not supplied)");
    }

    @Test
    void unknownActiveSpellingIsExplainedWithSourceRecordFieldAndReason() {
        SegmentValidationException error = validationError(REPLACE, upsert("BU-7", "VIC", "Victoria", "maybe"));

        assertThat(error).hasMessage("source 'file-drop' record system_id 'BU-7' at orders.csv:12: field 'active': "
                + "'maybe' is not one of y/n, yes/no, true/false, 1/0, active/inactive");
        assertThat(error.source()).isEqualTo("file-drop");
        assertThat(error.recordRef()).isEqualTo("BU-7");
        assertThat(error.sourceRef()).isEqualTo("orders.csv:12");
        assertThat(error.field()).isEqualTo("active");
        assertThat(error.reason()).isEqualTo("'maybe' is not one of y/n, yes/no, true/false, 1/0, active/inactive");
    }

    @Test
    void rejectNamesSourceRecordFieldAndCharacter() {
        SegmentValidationException error = validationError(REJECT, upsert("BU-7", "VIC", "Region\\North", null));

        assertThat(error).hasMessage("source 'file-drop' record system_id 'BU-7' at orders.csv:12: field "
                + "'segment_name': contains a backslash (\\) at position 7");
        assertThat(error.field()).isEqualTo("segment_name");
    }

    @Test
    void rejectChecksTheCodeToo() {
        SegmentValidationException error = validationError(REJECT, upsert("BU-7", "V\"IC", "Victoria", null));

        assertThat(error.field()).isEqualTo("segment_code");
        assertThat(error.reason()).isEqualTo("contains a double quote (\") at position 2");
    }

    @Test
    void replaceSendsWhatRejectRefuses() {
        SegmentRecord record = upsert("BU-7", "V\"IC", "Region\\North\tEast", null);

        ValidSegment segment = new SegmentValidator(REPLACE).validate(record);

        assertThat(segment.segmentCode()).isEqualTo("V'IC");
        assertThat(segment.segmentName()).isEqualTo("Region/North East");
    }

    @Test
    void deleteNeedsOnlyTheSystemId() {
        SegmentRecord record = new SegmentRecord("db", "row 3", " BU-9 ", "bad\\code", null, "maybe",
                SegmentAction.DELETE);

        ValidSegment segment = new SegmentValidator(REJECT).validate(record);

        assertThat(segment).isEqualTo(new ValidSegment("BU-9", null, null, null, SegmentAction.DELETE, "db", "row 3"));
    }

    @Test
    void recordWithoutSystemIdIsNamedByItsSourceReference() {
        SegmentValidationException error = validationError(REPLACE, upsert(null, "VIC", "Victoria", "y"));

        assertThat(error).hasMessage("source 'file-drop' record (no system_id) at orders.csv:12: field 'system_id': "
                + "is missing or blank");
        assertThat(error.recordRef()).isEqualTo("orders.csv:12");
    }

    @Test
    void errorMessagesCannotForgeLogLines() {
        SegmentRecord record = new SegmentRecord("file-drop", "orders.csv:12\nINFO all good", "BU\n7", "VIC",
                "Victoria", "y", SegmentAction.UPSERT);

        SegmentValidationException error = validationError(REPLACE, record);

        assertThat(error.getMessage()).doesNotContain("\n").contains("BU<U+000A>7");
    }

    @Test
    void nullPolicyIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new SegmentValidator(null)).isInstanceOf(NullPointerException.class);
    }

    private static SegmentValidationException validationError(SanitizingPolicy policy, SegmentRecord record) {
        return catchThrowableOfType(SegmentValidationException.class,
                () -> new SegmentValidator(policy).validate(record));
    }
}
