package com.ciopulse.segmentsync.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * The database's current time, asked at the start of a poll on the poll's connection: a timestamp watermark never
 * runs ahead of it. A row dated after it (a clock set wrong, a typo in a year) would otherwise move the watermark
 * into the future, and every row written afterwards with the real time would stay below it, unread, until the
 * clock caught up. A number watermark has no clock and is never capped.
 *
 * @param local the database's {@code LOCALTIMESTAMP}, for a {@code TIMESTAMP} column (the time its writers' {@code
 *              now()} writes, in the session's zone)
 * @param zoned the database's {@code CURRENT_TIMESTAMP}, for a {@code TIMESTAMP WITH TIME ZONE} column
 */
record DatabaseClock(LocalDateTime local, OffsetDateTime zoned) {

    /** Standard SQL, answered by PostgreSQL and H2 (the drivers the jar brings) without a FROM. */
    private static final String NOW = "SELECT LOCALTIMESTAMP, CURRENT_TIMESTAMP";

    static DatabaseClock read(Connection connection, int queryTimeoutSeconds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NOW)) {
            select.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet now = select.executeQuery()) {
                now.next();
                return new DatabaseClock(now.getObject(1, LocalDateTime.class), now.getObject(2, OffsetDateTime.class));
            }
        }
    }

    /** The clock as a watermark of the mark's kind; null for a number. */
    Watermark as(Watermark.Kind kind) {
        return switch (kind) {
            case TIMESTAMP -> new Watermark(kind, local);
            case TIMESTAMPTZ -> new Watermark(kind, zoned);
            case NUMBER -> null;
        };
    }

    /** Whether the mark lies after this clock: the row is dated in the future. */
    boolean isBehind(Watermark mark) {
        Watermark now = mark == null ? null : as(mark.kind());
        return now != null && now.isBefore(mark);
    }

    /** The mark, or this clock when the mark lies after it. */
    Watermark cap(Watermark mark) {
        return isBehind(mark) ? as(mark.kind()) : mark;
    }
}
