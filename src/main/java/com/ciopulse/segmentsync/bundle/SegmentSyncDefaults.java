package com.ciopulse.segmentsync.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;

/**
 * The bundle's default {@code sync.*} settings as the lowest-priority properties source: any value the
 * application, a system property or an environment variable gives wins over them.
 */
final class SegmentSyncDefaults implements PropertiesSource, Ordered {

    static final String RESOURCE = "segment-sync/defaults.properties";

    private final Properties defaults;

    private SegmentSyncDefaults(Properties defaults) {
        this.defaults = defaults;
    }

    /** Adds the defaults to the context once; adding them again is a no-op. */
    static void addTo(CamelContext context) {
        boolean present = context.getPropertiesComponent().getPropertiesSources().stream()
                .anyMatch(source -> source instanceof SegmentSyncDefaults);
        if (!present) {
            context.getPropertiesComponent().addPropertiesSource(new SegmentSyncDefaults(load()));
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = SegmentSyncDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    @Override
    public String getName() {
        return "segment-sync-defaults";
    }

    @Override
    public String getProperty(String name) {
        return defaults.getProperty(name);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }
}
