package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.segment.SegmentAction;
import org.junit.jupiter.api.Test;

/** {@link DuplicateIndex}: which rows of one file override or contradict each other, decided before any call. */
class DuplicateIndexTest {

    @Test
    void codesThatDifferOnlyInCaseAreOneCodeAndTheFirstRowKeepsIt() {
        DuplicateIndex index = new DuplicateIndex();
        index.add(1, 6, "DC-1", "DC-LSN", SegmentAction.UPSERT);
        index.add(2, 7, "DC-2", "dc-lsn", SegmentAction.UPSERT);
        index.add(3, 8, "DC-3", " Dc-Lsn ", SegmentAction.UPSERT);
        index.seal();

        assertThat(index.codeHolder(1)).isZero();
        assertThat(index.holdsContestedCode(1)).isTrue();
        assertThat(index.codeHolder(2)).isEqualTo(1);
        assertThat(index.codeHolder(3)).isEqualTo(1);
        assertThat(index.lineOf(1)).isEqualTo(6);
    }

    /** A system id names a segment in the URL exactly as written: ids that differ in case are two segments. */
    @Test
    void systemIdsThatDifferInCaseAreTwoSegments() {
        DuplicateIndex index = new DuplicateIndex();
        index.add(1, 2, "bu-1", "A", SegmentAction.UPSERT);
        index.add(2, 3, "BU-1", "B", SegmentAction.UPSERT);
        index.seal();

        assertThat(index.overridingLine(1, "bu-1")).isZero();
        assertThat(index.codeHolder(2)).isZero();
    }

    @Test
    void codesThatDifferInMoreThanCaseAreTwoCodes() {
        DuplicateIndex index = new DuplicateIndex();
        index.add(1, 2, "Q1", "A\\B", SegmentAction.UPSERT);
        index.add(2, 3, "Q2", "A/B", SegmentAction.UPSERT);
        index.seal();

        assertThat(index.codeHolder(2)).isZero();
        assertThat(index.holdsContestedCode(1)).isFalse();
    }
}
