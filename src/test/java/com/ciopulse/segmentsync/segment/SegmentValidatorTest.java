package com.ciopulse.segmentsync.segment;

import java.util.List;
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
    void validRecordBecomesTrimmedSanitizedSegmentAndSaysWhatChanged() {
        ValidSegment segment = new SegmentValidator(REPLACE)
                .validate(upsert("  BU-7 ", " VIC ", "  Victoria \"East\" ", " Yes "));

        assertThat(segment).isEqualTo(new ValidSegment("BU-7", "VIC", "Victoria 'East'", "y", SegmentAction.UPSERT,
                "file-drop", "orders.csv:12", List.of(
                        new SanitizedValue("system_id", "  BU-7 ", "BU-7"),
                        new SanitizedValue("segment_code", " VIC ", "VIC"),
                        new SanitizedValue("segment_name", "  Victoria \"East\" ", "Victoria 'East'"))));
        assertThat(segment.complete()).isTrue();
        assertThat(segment.payloadJson())
                .isEqualTo("{\"segment_code\":\"VIC\",\"segment_name\":\"Victoria 'East'\",\"active\":\"y\"}");
    }

    /** The hot path: a record sent as supplied reports nothing, and its list is the one shared empty list. */
    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void aValueSentAsSuppliedIsNoChange(SanitizingPolicy policy) {
        ValidSegment segment = new SegmentValidator(policy)
                .validate(upsert("BU-7", "VIC", "Victoria East", "yes"));

        assertThat(segment.sanitized()).isSameAs(List.of());
    }

    @Test
    void blankValuesAreNotSuppliedRatherThanChanged() {
        ValidSegment segment = new SegmentValidator(REPLACE).validate(upsert("BU-7", "  ", "\t", "y"));

        assertThat(segment.segmentCode()).isNull();
        assertThat(segment.segmentName()).isNull();
        assertThat(segment.sanitized()).isEmpty();
    }

    @Test
    void aNameNothingIsLeftOfIsReportedAsLeftOut() {
        ValidSegment segment = new SegmentValidator(REPLACE).validate(upsert("BU-7", "VIC", "\u0000\u200B", null));

        assertThat(segment.segmentName()).isNull();
        assertThat(segment.sanitized()).containsExactly(new SanitizedValue("segment_name", "\u0000\u200B", null));
        assertThat(segment.sanitized().get(0))
                .hasToString("segment_name '<U+0000><U+200B>' -> (left out)");
    }

    /** Under both policies: an identifier keeps its inner spaces as they are, only its ends are trimmed. */
    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void identifiersKeepTheirInnerSpaces(SanitizingPolicy policy) {
        ValidSegment segment = new SegmentValidator(policy)
                .validate(upsert("BU  7", "V  IC", "New   Zealand", null));

        assertThat(segment.systemId()).isEqualTo("BU  7");
        assertThat(segment.segmentCode()).isEqualTo("V  IC");
        assertThat(segment.segmentName()).isEqualTo("New Zealand");
        assertThat(segment.sanitized()).containsExactly(new SanitizedValue("segment_name", "New   Zealand",
                "New Zealand"));
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

    /** A code or system id is never cleaned, whatever the policy: it is refused with the character and position. */
    @ParameterizedTest
    @EnumSource(SanitizingPolicy.class)
    void identifiersAreRefusedNeverChanged(SanitizingPolicy policy) {
        SegmentValidationException code = validationError(policy, upsert("BU-7", "V\"IC", "Victoria", null));
        assertThat(code.field()).isEqualTo("segment_code");
        assertThat(code.reason()).isEqualTo("contains a double quote (\") at position 2; identifiers are never "
                + "changed by the sync, so it must be corrected in the source");

        SegmentValidationException backslash = validationError(policy, upsert("Q1", "A\\B", "Quarter", null));
        assertThat(backslash).hasMessage("source 'file-drop' record system_id 'Q1' at orders.csv:12: field "
                + "'segment_code': contains a backslash (\\) at position 2; identifiers are never changed by the "
                + "sync, so it must be corrected in the source");

        SegmentValidationException id = validationError(policy, upsert("BU\n7", "VIC", "Victoria", null));
        assertThat(id.field()).isEqualTo("system_id");
        assertThat(id.reason()).isEqualTo("contains a control character U+000A (LINE FEED (LF)) at position 3; "
                + "identifiers are never changed by the sync, so it must be corrected in the source");

        SegmentValidationException tab = validationError(policy, upsert("BU-7", " V\tIC", "Victoria", null));
        assertThat(tab.reason()).startsWith("contains a control character U+0009 (CHARACTER TABULATION) at position 3;");
    }

    @Test
    void replaceSendsANameRejectRefusesAndSaysSo() {
        SegmentRecord record = upsert("BU-7", "VIC", "Region\\North\tEast", null);

        ValidSegment segment = new SegmentValidator(REPLACE).validate(record);

        assertThat(segment.segmentName()).isEqualTo("Region/North East");
        assertThat(segment.sanitized()).singleElement()
                .hasToString("segment_name 'Region\\North<U+0009>East' -> 'Region/North East'");
    }

    @Test
    void deleteNeedsOnlyTheSystemId() {
        SegmentRecord record = new SegmentRecord("db", "row 3", "BU-9", "bad\\code", null, "maybe",
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
