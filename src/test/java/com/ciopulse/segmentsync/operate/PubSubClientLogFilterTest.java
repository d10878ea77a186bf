package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What camel-salesforce's Pub/Sub client logs with the filter in place, logged through logback as the client logs
 * it: the handled failures lose their stack traces and trailer lines, any other failure keeps them.
 */
class PubSubClientLogFilterTest {

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger client = LoggerFactory.getLogger(PubSubClientLogFilter.CLIENT_LOGGER);
    private final PubSubClientLogFilter filter = new PubSubClientLogFilter();

    @BeforeEach
    void installFilter() {
        filter.setContext(logback);
        filter.start();
        logback.addTurboFilter(filter);
    }

    @AfterEach
    void removeFilter() {
        logback.getTurboFilterList().remove(filter);
    }

    @Test
    void anExpiredSessionAndARejectedReplayIdLeaveNoErrorOfTheClient() {
        try (LogCapture log = LogCapture.of(PubSubClientLogFilter.CLIENT_LOGGER)) {
            logAsTheClient("sfdc.platform.eventbus.grpc.service.auth.error");
            client.error("attempting login");
            logAsTheClient("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");

            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void anyOtherFailureIsLoggedAsTheClientLogsIt() {
        try (LogCapture log = LogCapture.of(PubSubClientLogFilter.CLIENT_LOGGER)) {
            logAsTheClient("sfdc.platform.eventbus.grpc.subscription.fetch.topic.not.found");
            client.error("unexpected errorCode: {}", "sfdc.platform.eventbus.grpc.subscription.fetch.topic.not.found");
            client.error("An unexpected error occurred.", new IOException("connection reset"));

            assertThat(log.events()).extracting(e -> e.getFormattedMessage()).containsExactly("GRPC Exception",
                    "unexpected errorCode: sfdc.platform.eventbus.grpc.subscription.fetch.topic.not.found",
                    "An unexpected error occurred.");
            assertThat(log.events()).filteredOn(e -> e.getThrowableProxy() != null).hasSize(2);
        }
    }

    /** What the client logs when a subscription ends with this error code: the exception, then its trailers. */
    private void logAsTheClient(String errorCode) {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER), errorCode);
        client.error("GRPC Exception", Status.INVALID_ARGUMENT.withDescription(errorCode).asRuntimeException(trailers));
        client.error("Trailers:");
        client.error("Trailer: {}, Value: {}", "error-code", errorCode);
    }
}
