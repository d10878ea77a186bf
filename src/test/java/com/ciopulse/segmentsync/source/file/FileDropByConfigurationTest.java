package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.runner.SyncRunner;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's worked example: a second drop folder added to the runner by a properties file alone. */
class FileDropByConfigurationTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path erpDir;
    @TempDir
    Path configDir;

    @BeforeEach
    void isolate() {
        System.setProperty("sync.state.data-dir", dataDir.toString());
        System.setProperty("camel.component.properties.environment-variable-mode", "1");
    }

    @AfterEach
    void restore() {
        System.clearProperty("sync.state.data-dir");
        System.clearProperty("camel.component.properties.environment-variable-mode");
    }

    @Test
    void theRunnerSyncsASecondFolderConfiguredByPropertiesAlone() throws Exception {
        DropFolder erp = new DropFolder(erpDir);
        erp.write("units.json", """
                {"data": {"units": [
                  {"id": 1, "region": "EU", "code": "PAR", "details": {"name": "Paris"}, "status": "open"},
                  {"id": 2, "region": "EU", "code": "LYS", "details": {"name": "Lyon"}, "status": "closed"}
                ]}}
                """);
        Path erpProperties = configDir.resolve("erp.properties");
        Files.write(erpProperties, List.of(
                "camel.route-template[erp-units].template-id = file-drop-source",
                "camel.route-template[erp-units].directory = " + erpDir,
                "camel.route-template[erp-units].minFileAge = 100",
                "camel.route-template[erp-units].format = json",
                "camel.route-template[erp-units].recordsPath = /data/units",
                "camel.route-template[erp-units].systemIdFrom = id",
                "camel.route-template[erp-units].systemIdPrefix = ERP-",
                "camel.route-template[erp-units].segmentCodeFrom = ${body[region]}-${body[code]}",
                "camel.route-template[erp-units].segmentNameFrom = /details/name",
                "camel.route-template[erp-units].activeFrom = status",
                "camel.route-template[erp-units].inactiveValues = closed,archived"), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        // the project's own settings files as the runner reads them, plus one more holding the second folder
        int exit = new SyncRunner(print, print).run("--sandbox", "--once", "-pl", "file:" + erpProperties
                + ",file:config/application-sandbox.properties,file:config/application.properties");

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).containsPattern("file-drop +created 8").containsPattern("erp-units +created 2");
        assertThat(erp.done()).hasSize(1);
        assertThat(erp.resultOf(erp.done().get(0)).get("counts")).hasToString("{\"created\":2}");
    }
}
