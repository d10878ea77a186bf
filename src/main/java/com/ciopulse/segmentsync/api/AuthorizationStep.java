package com.ciopulse.segmentsync.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets the {@code Authorization} header of one call. A processor, not a bean method or an expression: Camel logs
 * what a bean method or an expression returns at TRACE, and this value is the key in Base64.
 */
public final class AuthorizationStep implements Processor {

    private final SegmentsApiCredentials credentials;

    public AuthorizationStep(SegmentsApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", credentials.authorizationHeader());
    }

    @Override
    public String toString() {
        return "AuthorizationStep[" + credentials + "]";
    }
}
