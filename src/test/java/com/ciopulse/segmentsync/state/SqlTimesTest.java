package com.ciopulse.segmentsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SqlTimesTest {

    @Test
    void atUtcIsTheValueOfOffsetDateTimeOfInstant() {
        for (Instant instant : new Instant[] {Instant.parse("2026-03-01T02:00:00.123456Z"), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T23:59:59Z")}) {
            assertThat(SqlTimes.atUtc(instant)).isEqualTo(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
