package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row read again is left out only while it is the very row already handed over, and only near the watermark. */
class HandedOverRowsTest {

    private final HandedOverRows handedOver = new HandedOverRows();

    @Test
    void aRowIsLeftOutOnlyWithTheSameContentAndWatermark() {
        PolledRow sydney = row("BU-1", "Sydney", 10);
        handedOver.add(new PolledRows(List.of(sydney), null), null);

        assertThat(handedOver.contains(row("BU-1", "Sydney", 10))).isTrue();
        assertThat(handedOver.contains(row("BU-1", "Sydney Harbour", 10))).isFalse();
        assertThat(handedOver.contains(row("BU-1", "Sydney", 11))).isFalse();
        assertThat(handedOver.contains(row("BU-2", "Sydney", 10))).isFalse();
    }

    @Test
    void rowsBelowWhatTheNextPollReadsAreForgotten() {
        handedOver.add(new PolledRows(List.of(row("BU-1", "a", 10), row("BU-2", "b", 20), row("BU-3", "c", 30)), null),
                mark(20));

        assertThat(handedOver.size()).isEqualTo(2);
        assertThat(handedOver.contains(row("BU-1", "a", 10))).isFalse();
        assertThat(handedOver.contains(row("BU-2", "b", 20))).isTrue();
    }

    @Test
    void aRowWithoutWatermarkIsNotKept() {
        handedOver.add(new PolledRows(List.of(new PolledRow(record("BU-1", "a", null), null)), null), null);

        assertThat(handedOver.size()).isZero();
    }

    private static PolledRow row(String systemId, String name, int version) {
        return new PolledRow(record(systemId, name, version), mark(version));
    }

    private static SegmentRecord record(String systemId, String name, Integer version) {
        return new SegmentRecord("erp-units", "units version=" + version, systemId, "C", name, "y", SegmentAction.UPSERT);
    }

    private static Watermark mark(int version) {
        return new Watermark(Watermark.Kind.NUMBER, BigDecimal.valueOf(version));
    }
}
