package com.ciopulse.segmentsync.api;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers that cross the HTTP boundary of a Segments API call, and no others. Out: {@code Authorization} and
 * {@code Accept} (the body's entity carries {@code Content-Type}; the client adds Host, Content-Length and the like).
 * In: {@code Retry-After}, which the status-code route honours, and {@code Content-Type}. Every call would otherwise
 * walk Camel's general HTTP filter (case-insensitive lists and prefix checks) for each header both ways, and copy
 * response headers nobody reads onto the message.
 */
public final class SegmentsApiHeaders implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !("Authorization".equalsIgnoreCase(headerName) || "Accept".equalsIgnoreCase(headerName));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !("Retry-After".equalsIgnoreCase(headerName) || Exchange.CONTENT_TYPE.equalsIgnoreCase(headerName));
    }
}
