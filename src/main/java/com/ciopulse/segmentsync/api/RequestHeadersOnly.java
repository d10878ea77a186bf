package com.ciopulse.segmentsync.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Removes every header but {@code CamelHttpMethod} and {@code CamelHttpUri} (names compared ignoring case, as Camel
 * compares header names), so that no header of a source or of an earlier answer goes out with the request. What
 * {@code removeHeaders: pattern "*" excludePattern "CamelHttpMethod|CamelHttpUri"} did, without compiling the
 * exclude pattern anew for every header of every call.
 */
public final class RequestHeadersOnly implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().getHeaders().keySet().removeIf(name ->
                !name.equalsIgnoreCase(Exchange.HTTP_METHOD) && !name.equalsIgnoreCase(Exchange.HTTP_URI));
    }
}
