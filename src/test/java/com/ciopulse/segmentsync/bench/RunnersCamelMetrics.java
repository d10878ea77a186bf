package com.ciopulse.segmentsync.bench;

import com.ciopulse.segmentsync.operate.CamelRouteMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;

/**
 * Camel's metrics as the standalone runner has them: the {@code camel.metrics.*} keys of
 * {@code config/application.properties} on the service Camel Main would create, plus the runner's
 * {@link CamelRouteMetrics}. The benchmarks run the bundle in a plain CamelContext, and a figure without the meters
 * the runner ships with would flatter it: the meters are work the runner does for every exchange they see.
 */
final class RunnersCamelMetrics {

    private static final String PREFIX = "camel.metrics.";

    private RunnersCamelMetrics() {
    }

    static void addTo(CamelContext context) {
        Map<String, Object> settings = new HashMap<>();
        runnerProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith(PREFIX)) {
                settings.put(StringHelper.dashToCamelCase(name.substring(PREFIX.length())), value.toString().trim());
            }
        });
        if (!Boolean.parseBoolean((String) settings.remove("enabled"))) {
            return;
        }
        MicrometerPrometheus metrics = new MicrometerPrometheus();
        PropertyBindingSupport.build().withMandatory(true).bind(context, metrics, settings);
        try {
            context.addService(metrics);
        } catch (Exception e) {
            throw new IllegalStateException("Camel's metrics service did not start", e);
        }
        CamelRouteMetrics.addTo(context);
    }

    private static Properties runnerProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config", "application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the benchmarks run from the project folder: no config/application.properties", e);
        }
        return properties;
    }
}
