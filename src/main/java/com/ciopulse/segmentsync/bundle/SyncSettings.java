package com.ciopulse.segmentsync.bundle;

import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;

/** Typed reads of the {@code sync.*} settings, with errors that name the setting and its environment variable. */
final class SyncSettings {

    private final CamelContext context;

    SyncSettings(CamelContext context) {
        this.context = context;
    }

    String text(String key) {
        try {
            return context.resolvePropertyPlaceholders("{{" + key + "}}").trim();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Setting " + key + " is missing (env " + envName(key) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * A secret setting, read without Camel's placeholder parser, which logs every value it resolves at DEBUG.
     * Looked up as a -D system property, its environment variable, then the application's properties; blank
     * when none gives it. Secrets take no placeholders.
     */
    String secret(String key) {
        String value = System.getProperty(key);
        if (isBlank(value)) {
            value = System.getenv(envName(key));
        }
        // the implementation exposes the override and initial properties that Camel Main and hosts fill
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        if (isBlank(value)) {
            value = properties.getOverrideProperties() == null ? null : properties.getOverrideProperties().getProperty(key);
        }
        if (isBlank(value)) {
            value = properties.loadProperties(key::equals).getProperty(key);
        }
        if (isBlank(value)) {
            value = properties.getInitialProperties() == null ? null : properties.getInitialProperties().getProperty(key);
        }
        return isBlank(value) ? "" : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    int integer(String key) {
        return (int) number(key);
    }

    long number(String key) {
        String value = text(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    double decimal(String key) {
        String value = text(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number");
        }
    }

    /** One of the allowed values, lower-cased. */
    String choice(String key, String... allowed) {
        String value = text(key).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of(allowed).contains(value)) {
            throw invalid(key, value, "one of " + String.join(", ", allowed));
        }
        return value;
    }

    boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalid(key, value, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static IllegalStateException invalid(String key, String value, String expected) {
        return new IllegalStateException("Setting " + key + " (env " + envName(key) + ") must be " + expected
                + ", not '" + value + "'");
    }

    /** The environment variable Camel reads to override a setting. */
    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
