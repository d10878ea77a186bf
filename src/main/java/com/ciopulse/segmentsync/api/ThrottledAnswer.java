package com.ciopulse.segmentsync.api;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * An answer by which the API asks to slow down rather than reporting a failure: a 429, or a 503 with
 * {@code Retry-After}. Such an answer pauses the calls and lowers the concurrency, and the record waits and goes
 * again without using up an attempt, within the time budget {@code sync.segments-api.throttle-budget-seconds}.
 */
public final class ThrottledAnswer implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return is(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                exchange.getMessage().getHeader("Retry-After", String.class));
    }

    public static boolean is(int status, String retryAfter) {
        return status == 429 || (status == 503 && retryAfter != null && !retryAfter.isBlank());
    }
}
