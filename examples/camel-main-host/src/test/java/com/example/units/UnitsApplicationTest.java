package com.example.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The host as it runs, against the sandbox of the Segments API: its own routes hand records to the bundle, which
 * syncs them, with Log4j 2 as the only logging backend.
 */
class UnitsApplicationTest {

    /** The sample credentials of the Segments API reference: the sandbox accepts them. */
    static final String PORTAL_CODE = "ABC123";
    static final String API_KEY = "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL";

    @TempDir
    Path data;
    SegmentsSandbox sandbox;
    Main main;

    @BeforeEach
    void start() throws Exception {
        sandbox = SegmentsSandbox.start(0, PORTAL_CODE, API_KEY);
        main = UnitsApplication.create();
        main.addOverrideProperty("sync.segments-api.base-url", sandbox.baseUrl());
        main.addOverrideProperty("sync.segments-api.portal-code", PORTAL_CODE);
        main.addOverrideProperty("sync.segments-api.api-key", API_KEY);
        main.addOverrideProperty("sync.state.data-dir", data.toString());
        main.start();
    }

    @AfterEach
    void stop() {
        main.stop();
        sandbox.close();
    }

    @Test
    void theHostsYamlRouteSyncsABatchAndItsJavaRouteOneRecord() {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();

        template.requestBody("direct:units-import", List.of(
                Map.of("system_id", "HOST-1", "segment_code", "H1", "segment_name", "Zurich", "active", "y"),
                Map.of("system_id", "HOST-2", "segment_code", "H2", "segment_name", "Basel", "active", "n")));
        template.requestBody("direct:unit-changed",
                Map.of("system_id", "HOST-3", "segment_code", "H3", "segment_name", "Bern", "active", "y"));

        assertEquals(List.of(new SandboxSegment("HOST-1", "H1", "Zurich", "y"),
                        new SandboxSegment("HOST-2", "H2", "Basel", "n"),
                        new SandboxSegment("HOST-3", "H3", "Bern", "y")),
                sandbox.segments().stream().sorted(java.util.Comparator.comparing(SandboxSegment::systemId)).toList());
    }

    @Test
    void theBundleRunsWithoutLogbackAndWithoutTheRunner() {
        assertTrue(LoggerFactory.getILoggerFactory().getClass().getName().startsWith("org.apache.logging.slf4j"),
                "SLF4J should log through Log4j 2 here");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ch.qos.logback.classic.LoggerContext"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.ciopulse.segmentsync.runner.SyncRunner"));
    }
}
