package com.ciopulse.segmentsync.bundle;

import org.apache.camel.CamelContext;

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
