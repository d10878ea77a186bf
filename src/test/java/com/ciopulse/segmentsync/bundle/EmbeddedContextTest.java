package com.ciopulse.segmentsync.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host application: a plain CamelContext, no camel-main, no runner code, its own properties and routes. */
class EmbeddedContextTest {

    @TempDir
    Path work;

    @Test
    void aHostAddsTheBundleAndSyncsARecordFromItsOwnRoute() throws Exception {
        try (SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
             CamelContext host = new DefaultCamelContext()) {
            ((org.apache.camel.component.properties.PropertiesComponent) host.getPropertiesComponent()).setEnvironmentVariableMode(1);
            host.getPropertiesComponent().setLocation("file:" + hostProperties(sandbox));
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host-erp-changes").routeId("host-erp-changes")
                            .setHeader(SyncHeaders.SOURCE, constant("host-erp"))
                            .to("direct:segment-sync");
                }
            });

            SegmentSyncBundle.addTo(host);
            host.start();
            SegmentOutcome outcome = host.createProducerTemplate().requestBody("direct:host-erp-changes",
                    Map.of("system_id", "ERP-7", "segment_code", "VIC", "segment_name", "Victoria", "active", "Y"),
                    SegmentOutcome.class);

            assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(outcome.source()).isEqualTo("host-erp");
            assertThat(sandbox.segment("ERP-7").orElseThrow().segmentName()).isEqualTo("Victoria");
            // the host set max-in-flight; everything it did not set comes from the bundle's defaults
            assertThat(host.resolvePropertyPlaceholders("{{sync.segments-api.max-in-flight}}")).isEqualTo("2");
            assertThat(host.resolvePropertyPlaceholders("{{sync.segments-api.retry.max-attempts}}")).isEqualTo("4");
            assertThat(host.getRoute("segment-sync")).isNotNull();
            assertThat(host.getRoute("segments-api-status")).isNotNull();
        }
    }

    private Path hostProperties(SegmentsSandbox sandbox) throws IOException {
        Path file = work.resolve("host.properties");
        Files.writeString(file, String.join("\n",
                "sync.segments-api.base-url = " + sandbox.baseUrl(),
                "sync.segments-api.portal-code = " + SyncHarness.PORTAL_CODE,
                "sync.segments-api.api-key = " + SyncHarness.API_KEY,
                "sync.segments-api.max-in-flight = 2",
                "sync.state.data-dir = " + work.resolve("data")));
        return file;
    }
}
