package com.ciopulse.segmentsync.operate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import org.slf4j.Marker;

/**
 * Quietens camel-salesforce's Pub/Sub client where it shouts about what is handled: on an expired session and on a
 * rejected replay id it logs ERROR "GRPC Exception" with a stack trace, then "Trailers:", one "Trailer: ..." line
 * each and "attempting login", although it logs in again by itself and the Salesforce subscription source raises
 * its own one ERROR line for the rejected replay id. For those two error codes this filter drops the stack trace
 * and the trailer lines; every other failure of the client (an unexpected error code, an error without one, an
 * event that could not be decoded) is logged as camel-salesforce logs it, and a failed login is logged by its
 * session. The runner's logging setup names it; an application that embeds the bundle may do the same.
 */
public final class PubSubClientLogFilter extends TurboFilter {

    public static final String CLIENT_LOGGER =
            "org.apache.camel.component.salesforce.internal.client.PubSubApiClient$FetchResponseObserver";
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    /** The error codes the client or the source handles: an expired session, a rejected replay id. */
    private static final Set<String> HANDLED = Set.of("sfdc.platform.eventbus.grpc.service.auth.error",
            "sfdc.platform.eventbus.grpc.service.auth.refresh.invalid",
            "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
    /** What the client logs after the exception: the trailers (the error code among them) and the new login. */
    private static final Set<String> FOLLOW_UPS = Set.of("Trailers:", "Trailer: {}, Value: {}", "attempting login");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!CLIENT_LOGGER.equals(logger.getName()) || format == null) {
            return FilterReply.NEUTRAL;
        }
        if (t instanceof StatusRuntimeException grpc && grpc.getTrailers() != null
                && HANDLED.contains(grpc.getTrailers().get(ERROR_CODE))) {
            return FilterReply.DENY;
        }
        // an unexpected error code is still named, by the client's own "unexpected errorCode" line
        return FOLLOW_UPS.contains(format) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
