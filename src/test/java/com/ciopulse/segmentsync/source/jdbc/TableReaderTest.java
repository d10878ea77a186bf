package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.source.PolledRecord;
import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.SourceDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The watermark types beside a plain timestamp, and the row mapping, read from H2 and from PostgreSQL. */
@OnEachDatabase
class TableReaderTest {

    @Parameter
    StateDatabase.Kind kind;
    @TempDir
    Path tempDir;
    SourceDatabase database;
    HikariDataSource pool;

    @BeforeEach
    void createTable() throws SQLException {
        database = SourceDatabase.create(kind, tempDir);
        database.execute("CREATE TABLE units (id BIGINT PRIMARY KEY, name VARCHAR(50), deleted BOOLEAN NOT NULL,"
                + " changed_at TIMESTAMP WITH TIME ZONE NOT NULL, version BIGINT NOT NULL, label VARCHAR(20))");
        database.execute("INSERT INTO units VALUES (42, 'Sydney', FALSE, ?, 7, 'a')",
                OffsetDateTime.parse("2026-03-01T10:00:00+10:00"));
        database.execute("INSERT INTO units VALUES (43, 'Hong Kong', TRUE, ?, 9, 'b')",
                OffsetDateTime.parse("2026-03-01T01:00:00Z"));
        pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
    }

    @AfterEach
    void drop() throws SQLException {
        pool.close();
        database.close();
    }

    @Test
    void aTimestampWithTimeZoneComparesByInstantAndBindsBack() throws SQLException {
        TableReader reader = reader("changed_at");

        List<PolledRecord<Watermark>> all = reader.read("units", null);
        // 10:00+10:00 is 00:00Z, so the row stamped 01:00Z is the later one
        assertThat(all).extracting(row -> row.record().systemId()).containsExactly("42", "43");
        Watermark highest = new PolledRows(all, null).next();
        assertThat(highest.kind()).isEqualTo(Watermark.Kind.TIMESTAMPTZ);
        assertThat(((OffsetDateTime) highest.value()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-01T01:00:00Z").toInstant());

        assertThat(reader.read("units", Watermark.decode(highest.encode())))
                .extracting(row -> row.record().systemId()).containsExactly("43");
    }

    @Test
    void aNumberColumnIsAWatermarkTooAndABooleanSoftDeleteMarksInactive() throws SQLException {
        TableReader reader = reader("version");

        List<PolledRecord<Watermark>> since = reader.read("units", new Watermark(Watermark.Kind.NUMBER, new BigDecimal("8")));

        assertThat(since).singleElement().satisfies(row -> {
            assertThat(row.mark()).isEqualTo(Watermark.decode("number 9"));
            SegmentRecord record = row.record();
            assertThat(record.systemId()).isEqualTo("43");
            assertThat(record.segmentName()).isEqualTo("Hong Kong");
            assertThat(record.active()).isEqualTo("n");
            assertThat(record.segmentCode()).isNull();
            assertThat(record.sourceRef()).isEqualTo("units version=9");
        });
    }

    @Test
    void aTextColumnIsRefusedAsWatermark() {
        assertThatThrownBy(() -> reader("label").read("units", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it must be a timestamp or a number that grows with every change");
    }

    private TableReader reader(String watermarkColumn) {
        SegmentMapping mapping = JdbcSource.mapping("id", "-", "name", "", "deleted", "true");
        return new TableReader(pool, new TableQuery("units", watermarkColumn, List.copyOf(mapping.names().values())),
                mapping, 10);
    }
}
