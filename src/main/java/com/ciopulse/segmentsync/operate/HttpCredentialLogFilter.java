package com.ciopulse.segmentsync.operate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps what HttpClient 5 sends out of the logs, at any level: its header and wire loggers print each request's
 * headers and bytes at DEBUG, the {@code Authorization} header with the credentials included. Outgoing events
 * ({@code >>}) of {@code org.apache.hc.client5.http.headers} and {@code .wire} are dropped; the answers ({@code <<})
 * are still logged. The bundle adds this filter when logback is the logging backend ({@link LoggingBackend}),
 * the runner's logging setup (and {@code config/logback.xml.example}) names it too, so a reconfiguration keeps it.
 */
public final class HttpCredentialLogFilter extends TurboFilter {

    private static final String HEADERS_LOGGER = "org.apache.hc.client5.http.headers";
    private static final String WIRE_LOGGER = "org.apache.hc.client5.http.wire";
    private static final String OUTGOING = ">>";

    /** The two loggers this filter looks at; a logger context keeps one {@link Logger} per name. */
    private record HttpClientLoggers(Logger headers, Logger wire) {
    }

    private HttpClientLoggers watched;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // logback asks turbo filters on every level check of every logger: two reference comparisons let all the
        // other loggers through at once
        HttpClientLoggers loggers = watched;
        if (loggers == null) {
            LoggerContext context = logger.getLoggerContext();
            loggers = new HttpClientLoggers(context.getLogger(HEADERS_LOGGER), context.getLogger(WIRE_LOGGER));
            watched = loggers;
        }
        if (logger != loggers.headers() && logger != loggers.wire()) {
            return FilterReply.NEUTRAL;
        }
        return isOutgoing(format, params) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isOutgoing(String format, Object[] params) {
        if (format != null && format.contains(OUTGOING)) {
            return true;
        }
        if (params != null) {
            for (Object param : params) {
                if (param != null && String.valueOf(param).contains(OUTGOING)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds the filter to a logback context that has none yet. Only {@link LoggingBackend} calls it, once it knows
     * logback is the backend: this class extends a logback type, so it cannot even load without logback.
     */
    static void addTo(LoggerContext context) {
        synchronized (context) {
            if (context.getTurboFilterList().stream().noneMatch(HttpCredentialLogFilter.class::isInstance)) {
                HttpCredentialLogFilter filter = new HttpCredentialLogFilter();
                filter.setName("segment-sync-http-credentials");
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }
}
