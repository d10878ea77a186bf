package com.ciopulse.segmentsync.operate;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The bundle logs through SLF4J alone and runs under any backend (logback, Log4j 2, java.util.logging). What it adds
 * to logback, it adds only once logback is known to be the backend: the classes that extend logback's types load
 * only then, so a host without logback never needs them.
 */
public final class LoggingBackend {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private LoggingBackend() {
    }

    /**
     * Keeps the {@code Authorization} header of HttpClient's header and wire logs out of logback's output
     * ({@link HttpCredentialLogFilter}); with another backend, keep those two loggers at INFO (see README).
     */
    public static void keepCredentialsOutOfHttpClientLogs() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (LOGBACK_CONTEXT.equals(factory.getClass().getName())) {
            HttpCredentialLogFilter.addTo((ch.qos.logback.classic.LoggerContext) factory);
        }
    }
}
