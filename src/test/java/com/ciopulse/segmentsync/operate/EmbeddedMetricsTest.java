package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.bundle.SegmentSyncBundle;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In a host application the metrics go to the host's meter registry, and no server is started for them. */
class EmbeddedMetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void theHostsOwnRegistryGetsTheMeters() throws Exception {
        MeterRegistry hosts = new SimpleMeterRegistry();
        try (SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
             DefaultCamelContext host = host(sandbox)) {
            host.getRegistry().bind("hostMeters", hosts);
            SegmentSyncBundle.addTo(host);
            host.start();
            host.createProducerTemplate().sendBody("direct:segment-sync",
                    SyncHarness.upsert("BU-1", "AUS", "Australia", "y"));

            assertThat(hosts.get(SyncMetrics.RECORDS).tags("source", "test", "outcome", "created").counter().count())
                    .isEqualTo(1.0);
            // the meter camel-micrometer's timer endpoints made before the timer moved to Java: dashboards keep working
            Timer apiCalls = hosts.get(SyncMetrics.API_REQUESTS)
                    .tags("camelContext", host.getName(), "method", "PUT", "status", "201").timer();
            assertThat(apiCalls.count()).isEqualTo(1);
            assertThat(apiCalls.getId().getTags()).hasSize(3);
            assertThat(apiCalls.getId().getDescription())
                    .isEqualTo("Calls of the Segments API, by method and status (0: no answer)");
            assertThat(hosts.find(SyncMetrics.SANITIZED).counter()).isNull();
            host.createProducerTemplate().sendBody("direct:segment-sync",
                    SyncHarness.upsert("BU-2", "NZ", "New\tZealand", "y"));
            assertThat(hosts.get(SyncMetrics.SANITIZED).tags("source", "test").counter().count()).isEqualTo(1.0);
            assertThat(host.hasService(MainHttpServer.class)).isNull();
        }
    }

    @Test
    void withoutOneAPrometheusRegistryIsBoundForTheHostToExpose() throws Exception {
        try (SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
             DefaultCamelContext host = host(sandbox)) {
            SegmentSyncBundle.addTo(host);
            host.start();
            host.createProducerTemplate().sendBody("direct:segment-sync",
                    SyncHarness.upsert("BU-1", "AUS", "Australia", "y"));

            Object bound = host.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME);
            assertThat(bound).isInstanceOf(PrometheusMeterRegistry.class);
            assertThat(((PrometheusMeterRegistry) bound).scrape())
                    .contains("segment_sync_records_total{outcome=\"created\",source=\"test\"} 1.0");
            assertThat(host.hasService(MainHttpServer.class)).isNull();
        }
    }

    private DefaultCamelContext host(SegmentsSandbox sandbox) {
        DefaultCamelContext host = new DefaultCamelContext();
        ((PropertiesComponent) host.getPropertiesComponent()).setEnvironmentVariableMode(1);
        host.getPropertiesComponent().setOverrideProperties(SyncHarness.settings(sandbox, dataDir, new Properties()));
        return host;
    }
}
