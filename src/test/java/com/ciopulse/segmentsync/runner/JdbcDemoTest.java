package com.ciopulse.segmentsync.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JDBC demo: the sample business_units table of the embedded H2 database into the sandbox. */
class JdbcDemoTest {

    @TempDir
    Path dataDir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void isolate() {
        System.setProperty("sync.state.data-dir", dataDir.toString());
        System.setProperty("camel.component.properties.environment-variable-mode", "1");
    }

    @AfterEach
    void restore() {
        System.clearProperty("sync.state.data-dir");
        System.clearProperty("sync.sandbox.jdbc-demo");
        System.clearProperty("camel.component.properties.environment-variable-mode");
    }

    @Test
    void theJdbcDemoSyncsTheSampleTableBesideTheFileAndOnlyWhenAskedFor() {
        System.setProperty("sync.sandbox.jdbc-demo", "true");

        int exit = new SyncRunner(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run("--sandbox", "--once");

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).containsPattern("business-units-db +created 5\\R").containsPattern("file-drop +created 8\\R");
    }
}
