package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The watermark keeps the column's type through the checkpoint text, and moves only forward. */
class WatermarkTest {

    private static final Watermark MICROS = new Watermark(Watermark.Kind.TIMESTAMP,
            LocalDateTime.parse("2026-03-01T10:15:30.123456"));
    private static final Watermark WITH_ZONE = new Watermark(Watermark.Kind.TIMESTAMPTZ,
            OffsetDateTime.parse("2026-03-01T10:15:30.5+02:00"));
    private static final Watermark VERSION = new Watermark(Watermark.Kind.NUMBER, new BigDecimal("1234567890123456789"));

    @Test
    void theCheckpointTextReadsBackToTheSameValueAndType() {
        assertThat(MICROS.encode()).isEqualTo("timestamp 2026-03-01T10:15:30.123456");
        assertThat(WITH_ZONE.encode()).isEqualTo("timestamptz 2026-03-01T10:15:30.500+02:00");
        assertThat(VERSION.encode()).isEqualTo("number 1234567890123456789");
        for (Watermark mark : new Watermark[] {MICROS, WITH_ZONE, VERSION}) {
            assertThat(Watermark.decode(mark.encode())).isEqualTo(mark);
        }
        assertThat(Watermark.decode("timestamp 2026-03-01T10:15").value()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 15));
    }

    @Test
    void anUnreadableCheckpointIsRefusedWithTheText() {
        for (String text : new String[] {"", "timestamp", "date 2026-03-01", "number twelve", "timestamp 2026-13-01T00:00"}) {
            assertThatThrownBy(() -> Watermark.decode(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unreadable watermark checkpoint '" + text + "'");
        }
    }

    @Test
    void theOverlapIsSecondsForTimestampsAndUnitsForNumbers() {
        assertThat(MICROS.minus(60).value()).isEqualTo(LocalDateTime.parse("2026-03-01T10:14:30.123456"));
        assertThat(WITH_ZONE.minus(1).value()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:15:29.5+02:00"));
        assertThat(VERSION.minus(10).value()).isEqualTo(new BigDecimal("1234567890123456779"));
        assertThat(MICROS.minus(0)).isEqualTo(MICROS);
    }

    @Test
    void laterKeepsTheStoredWatermarkUnlessTheReadOneIsHigher() {
        Watermark earlier = MICROS.minus(60);

        assertThat(Watermark.later(MICROS, earlier)).isSameAs(MICROS);
        assertThat(Watermark.later(earlier, MICROS)).isSameAs(MICROS);
        assertThat(Watermark.later(null, MICROS)).isSameAs(MICROS);
        assertThat(Watermark.later(MICROS, null)).isSameAs(MICROS);
        assertThat(Watermark.later(null, null)).isNull();
        // by instant, whatever the offset: 08:15:31Z is after 10:15:30.5+02:00
        Watermark utc = new Watermark(Watermark.Kind.TIMESTAMPTZ, OffsetDateTime.parse("2026-03-01T08:15:31Z"));
        assertThat(Watermark.later(WITH_ZONE, utc)).isSameAs(utc);
        // by value, whatever the scale
        assertThat(Watermark.later(VERSION, new Watermark(Watermark.Kind.NUMBER, new BigDecimal("1234567890123456789.00"))))
                .isSameAs(VERSION);
    }
}
