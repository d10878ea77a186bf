package com.ciopulse.segmentsync.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SourceDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source's password comes from its secret setting or a password file and shows nowhere. H2 only: the test
 * PostgreSQL trusts every local connection, so it could not tell a right password from a wrong one.
 */
class JdbcSourcePasswordTest {

    private static final String PASSWORD = "Tr0ub4dor-and-3";

    @TempDir
    Path tempDir;
    SourceDatabase source;
    SyncHarness sync;

    @BeforeEach
    void createTableReadableByAUserWithAPassword() throws Exception {
        source = SourceDatabase.create(StateDatabase.Kind.H2, Files.createDirectories(tempDir.resolve("source")));
        source.execute("CREATE TABLE units (system_id VARCHAR(20) PRIMARY KEY, segment_code VARCHAR(10),"
                + " segment_name VARCHAR(50), active VARCHAR(1), updated_at TIMESTAMP NOT NULL)");
        source.execute("INSERT INTO units VALUES ('BU-1', 'AUS', 'Australia', 'y', ?)", LocalDateTime.of(2026, 3, 1, 10, 0));
        source.execute("CREATE USER reader PASSWORD '" + PASSWORD + "'");
        source.execute("GRANT SELECT ON units TO reader");
    }

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.close();
        }
        source.close();
    }

    @Test
    void thePasswordSettingOfTheSourceIsUsedAndNeverLogged() throws Exception {
        try (LogCapture log = LogCapture.everythingAtDebug()) {
            sync = SyncHarness.start(tempDir, settings("sync.jdbc.erp-units.password", PASSWORD));
            addSource("");

            await().atMost(Duration.ofSeconds(20)).until(() -> sync.sandbox.segment("BU-1").isPresent());
            sync.close();
            sync = null;

            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
        }
    }

    @Test
    void aPasswordFileIsReadWhenTheSettingIsEmpty() throws Exception {
        Path file = Files.writeString(tempDir.resolve("erp-password"), PASSWORD + "\n");
        sync = SyncHarness.start(tempDir, new Properties());

        addSource(file.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> sync.sandbox.segment("BU-1").isPresent());
    }

    @Test
    void aWrongPasswordFailsThePollWithTheUrlButNotThePassword() throws Exception {
        String wrong = "not-" + PASSWORD;
        try (LogCapture log = LogCapture.everythingAtDebug()) {
            sync = SyncHarness.start(tempDir, settings("sync.jdbc.erp-units.password", wrong));
            addSource("");

            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream().anyMatch(line ->
                    line.startsWith("WARN Source 'erp-units' failed to poll") && line.contains(source.jdbcUrl())));
            assertThat(log.lines()).noneMatch(line -> line.contains(wrong));
            assertThat(sync.sandbox.requests()).isEmpty();
        }
    }

    private static Properties settings(String key, String value) {
        Properties settings = new Properties();
        settings.setProperty(key, value);
        return settings;
    }

    private void addSource(String passwordFile) throws Exception {
        TemplatedRouteBuilder.builder(sync.context, "jdbc-source").routeId("erp-units")
                .parameter("jdbcUrl", source.jdbcUrl())
                .parameter("user", "reader")
                .parameter("passwordFile", passwordFile)
                .parameter("table", "units")
                .parameter("delay", "100")
                .parameter("connectionTimeout", "500")
                .add();
    }
}
