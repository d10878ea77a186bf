package com.ciopulse.segmentsync.testsupport;

import com.ciopulse.segmentsync.bundle.SegmentSyncBeans;
import com.ciopulse.segmentsync.bundle.SegmentSyncBundle;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The real bundle (routes from the jar's classpath, real beans, real H2 file store) in a plain CamelContext,
 * against the real sandbox over HTTP. Settings are short timeouts and delays so failure paths run fast.
 */
public final class SyncHarness implements AutoCloseable {

    public static final String PORTAL_CODE = "ABC123";
    /** The sample key of the API reference: the only key that may appear in tests. */
    public static final String API_KEY = "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL";

    public final SegmentsSandbox sandbox;
    public final CamelContext context;
    public final SegmentSyncBeans beans;
    public final ProducerTemplate template;

    private SyncHarness(SegmentsSandbox sandbox, CamelContext context, SegmentSyncBeans beans) {
        this.sandbox = sandbox;
        this.context = context;
        this.beans = beans;
        this.template = context.createProducerTemplate();
    }

    /** Settings every test shares; {@code overrides} win. */
    public static Properties settings(SegmentsSandbox sandbox, Path dataDir, Properties overrides) {
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.base-url", sandbox.baseUrl());
        settings.setProperty("sync.segments-api.portal-code", PORTAL_CODE);
        settings.setProperty("sync.segments-api.api-key", API_KEY);
        settings.setProperty("sync.segments-api.response-timeout-ms", "1000");
        settings.setProperty("sync.segments-api.retry.initial-delay-ms", "10");
        settings.setProperty("sync.segments-api.retry.max-delay-ms", "100");
        settings.setProperty("sync.segments-api.retry.jitter", "0");
        settings.setProperty("sync.segments-api.credential-probe-seconds", "1");
        settings.setProperty("sync.state.data-dir", dataDir.toString());
        settings.putAll(overrides);
        return settings;
    }

    public static SyncHarness start(Path dataDir) throws Exception {
        return start(dataDir, new Properties());
    }

    public static SyncHarness start(Path dataDir, Properties overrides) throws Exception {
        return start(dataDir, overrides, SegmentsSandbox.start(0, PORTAL_CODE, API_KEY));
    }

    /** Starts the bundle against a sandbox that is already running (e.g. one another process used); closes it. */
    public static SyncHarness start(Path dataDir, Properties overrides, SegmentsSandbox sandbox) throws Exception {
        return start(dataDir, overrides, sandbox, context -> { });
    }

    /** As above, with {@code setUp} run on the context after the bundle was added and before it starts. */
    public static SyncHarness start(Path dataDir, Properties overrides, SegmentsSandbox sandbox,
            Consumer<CamelContext> setUp) throws Exception {
        CamelContext context = new DefaultCamelContext();
        // a developer's own CIOPULSE_* or SYNC_* variables must not change what the tests see
        ((org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent()).setEnvironmentVariableMode(1);
        context.getPropertiesComponent().setOverrideProperties(settings(sandbox, dataDir, overrides));
        SegmentSyncBeans beans = SegmentSyncBundle.addTo(context);
        setUp.accept(context);
        context.start();
        return new SyncHarness(sandbox, context, beans);
    }

    public SegmentOutcome sync(SegmentRecord record) {
        Exchange result = send(record);
        if (result.getException() != null) {
            throw new AssertionError("the pipeline failed: " + result.getException(), result.getException());
        }
        return result.getMessage().getBody(SegmentOutcome.class);
    }

    public Exchange send(SegmentRecord record) {
        return template.send("direct:segment-sync", e -> e.getMessage().setBody(record));
    }

    public static SegmentRecord upsert(String systemId, String code, String name, String active) {
        return new SegmentRecord("test", "case", systemId, code, name, active, SegmentAction.UPSERT);
    }

    public static SegmentRecord delete(String systemId) {
        return new SegmentRecord("test", "case", systemId, null, null, null, SegmentAction.DELETE);
    }

    /** A gauge of a source as the metrics endpoint would show it; empty while it was never registered. */
    public Optional<Double> gauge(String name, String source) {
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class).registry();
        return Optional.ofNullable(meters.find(name).tag("source", source).gauge()).map(Gauge::value);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("the CamelContext did not stop cleanly", e);
        } finally {
            sandbox.close();
        }
    }
}
