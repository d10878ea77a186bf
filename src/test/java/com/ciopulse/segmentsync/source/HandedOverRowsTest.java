package com.ciopulse.segmentsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row read again is left out only while it is the very row already handed over, and only near the watermark. */
class HandedOverRowsTest {

    private final HandedOverRows<Row, Integer> handedOver = new HandedOverRows<>(Row::version, (a, b) -> a < b);

    @Test
    void aRowIsLeftOutOnlyWithTheSameContentAndWatermark() {
        Row sydney = row("BU-1", "Sydney", 10);
        handedOver.add(List.of(sydney), null);

        assertThat(handedOver.contains(row("BU-1", "Sydney", 10))).isTrue();
        assertThat(handedOver.contains(row("BU-1", "Sydney Harbour", 10))).isFalse();
        assertThat(handedOver.contains(row("BU-1", "Sydney", 11))).isFalse();
        assertThat(handedOver.contains(row("BU-2", "Sydney", 10))).isFalse();
    }

    @Test
    void rowsBelowWhatTheNextPollReadsAreForgotten() {
        handedOver.add(List.of(row("BU-1", "a", 10), row("BU-2", "b", 20), row("BU-3", "c", 30)), 20);

        assertThat(handedOver.size()).isEqualTo(2);
        assertThat(handedOver.contains(row("BU-1", "a", 10))).isFalse();
        assertThat(handedOver.contains(row("BU-2", "b", 20))).isTrue();
    }

    @Test
    void aRowWithoutWatermarkIsNotKept() {
        handedOver.add(List.of(new Row(record("BU-1", "a", null), null)), null);

        assertThat(handedOver.size()).isZero();
    }

    /** A row as a polling source keeps it: its record and its watermark (here a version number). */
    private record Row(SegmentRecord record, Integer version) {
    }

    private static Row row(String systemId, String name, int version) {
        return new Row(record(systemId, name, version), version);
    }

    private static SegmentRecord record(String systemId, String name, Integer version) {
        return new SegmentRecord("erp-units", "units version=" + version, systemId, "C", name, "y", SegmentAction.UPSERT);
    }
}
