package com.ciopulse.segmentsync.source.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The watermark of a REST source: the latest update time among the records it handed over, as an instant. A
 * record's value may be an ISO-8601 date-time with an offset ({@code 2026-03-01T10:15:30Z}) or a number of epoch
 * seconds. The checkpoint holds it as {@code instant 2026-03-01T10:15:30Z}.
 */
final class Marks {

    private static final String PREFIX = "instant ";

    private Marks() {
    }

    /** A record's update time; null when it has none or it is not a date-time or epoch seconds. */
    static Instant read(Object value) {
        if (value instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(text.trim()));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }

    /** The later of two instants; either may be null. */
    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    /** The value of the incremental parameter: {@code iso} (2026-03-01T10:15:30Z) or {@code epoch} seconds. */
    static String format(Instant since, String format) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "iso" -> since.toString();
            case "epoch" -> Long.toString(since.getEpochSecond());
            default -> throw new IllegalArgumentException("sinceFormat must be iso or epoch, not '" + format + "'");
        };
    }

    static String encode(Instant mark) {
        return PREFIX + mark;
    }

    /** @throws IllegalArgumentException when the checkpoint was not written by {@link #encode} */
    static Instant decode(String checkpoint) {
        try {
            if (!checkpoint.startsWith(PREFIX)) {
                throw new DateTimeParseException("no instant", checkpoint, 0);
            }
            return Instant.parse(checkpoint.substring(PREFIX.length()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable REST source checkpoint '" + checkpoint + "'", e);
        }
    }
}
