package com.ciopulse.segmentsync.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Binds and reads {@code TIMESTAMP WITH TIME ZONE} columns the same way on H2 and PostgreSQL. */
final class SqlTimes {

    private SqlTimes() {
    }

    /**
     * The instant as the columns keep it: PostgreSQL holds microseconds and would round the rest, so it is cut
     * here and a stored value reads back equal to what the caller was given.
     */
    static Instant storable(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, atUtc(storable(instant)));
        }
    }

    /**
     * The same value as {@code OffsetDateTime.ofInstant(instant, UTC)}, which on Java 17 builds a new
     * {@code ZoneRules} for every call: a cost per row of every batch the state store writes.
     */
    static OffsetDateTime atUtc(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        return OffsetDateTime.of(utc, ZoneOffset.UTC);
    }

    static Instant read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
