package com.ciopulse.segmentsync.source.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * A value of the watermark column: where the next poll starts. The value keeps the column's own type, so it is
 * bound back exactly as the database returned it (no time zone or precision is added or lost), and it is stored
 * in the checkpoint as {@code "<kind> <value>"}, e.g. {@code "timestamp 2026-03-01T10:15:30.123456"}.
 *
 * @param kind  how the column compares
 * @param value a {@link LocalDateTime}, an {@link OffsetDateTime} or a {@link BigDecimal}, as {@code kind} says
 */
record Watermark(Kind kind, Object value) {

    /** The column types a watermark can have: timestamps and numbers grow with each change; text would not. */
    enum Kind {
        /** {@code TIMESTAMP} (without time zone). */
        TIMESTAMP,
        /** {@code TIMESTAMP WITH TIME ZONE} ({@code timestamptz}). */
        TIMESTAMPTZ,
        /** Any integer or decimal column, e.g. a version counter or a sequence. */
        NUMBER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind of a result column.
         *
         * @throws IllegalArgumentException when the column is of another type (text, date, ...)
         */
        static Kind of(ResultSetMetaData columns, int column) throws SQLException {
            String typeName = String.valueOf(columns.getColumnTypeName(column));
            return switch (columns.getColumnType(column)) {
                // PostgreSQL reports timestamptz as TIMESTAMP; its type name tells them apart
                case Types.TIMESTAMP -> typeName.equalsIgnoreCase("timestamptz") ? TIMESTAMPTZ : TIMESTAMP;
                case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL -> NUMBER;
                default -> throw new IllegalArgumentException("the watermark column " + columns.getColumnName(column)
                        + " is of type " + typeName + "; it must be a timestamp or a number that grows with every change");
            };
        }
    }

    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE);

    Watermark {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** The column's value in the current row; null when the row has none. */
    static Watermark read(ResultSet row, int column, Kind kind) throws SQLException {
        Object value = switch (kind) {
            case TIMESTAMP -> row.getObject(column, LocalDateTime.class);
            case TIMESTAMPTZ -> row.getObject(column, OffsetDateTime.class);
            case NUMBER -> row.getBigDecimal(column);
        };
        return value == null ? null : new Watermark(kind, value);
    }

    /**
     * Reads a checkpoint written by {@link #encode()}.
     *
     * @throws IllegalArgumentException when the text is not such a checkpoint
     */
    static Watermark decode(String checkpoint) {
        int space = checkpoint.indexOf(' ');
        try {
            Kind kind = Kind.valueOf(checkpoint.substring(0, Math.max(space, 0)).toUpperCase(Locale.ROOT));
            String text = checkpoint.substring(space + 1);
            return new Watermark(kind, switch (kind) {
                case TIMESTAMP -> LocalDateTime.parse(text);
                case TIMESTAMPTZ -> OffsetDateTime.parse(text);
                case NUMBER -> new BigDecimal(text);
            });
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable watermark checkpoint '" + checkpoint + "'", e);
        }
    }

    /** The checkpoint text, which {@link #decode} reads back to an equal watermark. */
    String encode() {
        return kind.label() + " " + (value instanceof BigDecimal number ? number.toPlainString() : value);
    }

    /**
     * This watermark moved back by {@code overlap}: seconds for a timestamp, units for a number. A poll that starts
     * there also finds rows committed late with a value a little below the watermark.
     */
    Watermark minus(long overlap) {
        return new Watermark(kind, switch (kind) {
            case TIMESTAMP -> ((LocalDateTime) value).minusSeconds(overlap);
            case TIMESTAMPTZ -> ((OffsetDateTime) value).minusSeconds(overlap);
            case NUMBER -> ((BigDecimal) value).subtract(BigDecimal.valueOf(overlap));
        });
    }

    /**
     * For the watermark gauge: epoch seconds of a timestamp with time zone, the value of a number; NaN for a
     * timestamp without time zone, whose zone only the database's writers know.
     */
    double asNumber() {
        return switch (kind) {
            case TIMESTAMP -> Double.NaN;
            case TIMESTAMPTZ -> {
                Instant at = ((OffsetDateTime) value).toInstant();
                yield at.getEpochSecond() + at.getNano() / 1e9;
            }
            case NUMBER -> ((BigDecimal) value).doubleValue();
        };
    }

    void bind(PreparedStatement statement, int index) throws SQLException {
        if (value instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0
                && number.abs().compareTo(LONG_RANGE) < 0) {
            // as a whole number: PostgreSQL would compare a bigint column as numeric, without its index
            statement.setLong(index, number.longValue());
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * The later of the stored watermark and the highest one a poll read; either may be null. OffsetDateTimes
     * compare by instant, BigDecimals by value (not scale).
     */
    static Watermark later(Watermark stored, Watermark read) {
        if (stored == null || read == null) {
            return stored == null ? read : stored;
        }
        // a stored watermark of another kind: the column's type changed, and what the table holds now wins
        return stored.isBefore(read) ? read : stored;
    }

    /** Whether this lies before {@code other}; a watermark of another kind counts as before (it is stale). */
    @SuppressWarnings("unchecked")
    boolean isBefore(Watermark other) {
        return kind != other.kind || ((Comparable<Object>) value).compareTo(other.value) < 0;
    }

    @Override
    public String toString() {
        return encode();
    }
}
