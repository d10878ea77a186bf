package com.ciopulse.segmentsync.source.salesforce;

import com.salesforce.eventbus.protobuf.ReplayPreset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of a Pub/Sub API topic, from a replay id (or from the latest event), through camel-salesforce's
 * {@code pubSubSubscribe} consumer. Its events wait in a bounded queue until the source's route takes them, so they
 * are handed over one at a time in the order they came. A subscription is never moved: to start from another
 * replay id the source closes it and opens a new one, since camel-salesforce's consumer keeps the replay id it was
 * made with.
 *
 * <p>What camel-salesforce would otherwise do silently is recorded instead: a replay id Salesforce rejects (too old
 * or invalid; camel-salesforce would subscribe with it again and again) marks the subscription {@link #rejected()},
 * and an event that found the queue full for too long marks it {@link #broken()}, so the source starts anew from
 * its stored replay id and nothing is lost.
 */
final class PubSubSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubSubscription.class);
    private static final int CAPACITY = 1000;
    private static final long OFFER_SECONDS = 60;

    private final String description;
    private final boolean platformEvents;
    private final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>(CAPACITY);
    private final Consumer consumer;
    private volatile boolean closed;
    private volatile String rejectedReplayId;
    private volatile String broken;

    /**
     * Subscribes.
     *
     * @param replayId       the replay id to resume after (base64, as stored), or null to start from {@code start}
     * @param start          where to start without a replay id: LATEST or EARLIEST (the oldest event retained)
     * @param platformEvents whether the topic carries platform events (no ChangeEventHeader) rather than changes
     */
    PubSubSubscription(CamelContext context, String component, String topic, String replayId, ReplayPreset start,
                       boolean platformEvents, long reconnectDelay) throws Exception {
        this.platformEvents = platformEvents;
        this.description = topic + (replayId != null ? " after replay id " + replayId
                : start == ReplayPreset.EARLIEST ? " from the earliest event retained" : " from the latest event");
        SalesforceEndpoint endpoint = context.getEndpoint(component + ":pubSubSubscribe:" + topic
                + "?pubSubDeserializeType=GENERIC_RECORD&fallbackToLatestReplayId=false&backoffIncrement="
                + reconnectDelay, SalesforceEndpoint.class);
        // the consumer takes both when it is made
        endpoint.getConfiguration().setReplayPreset(replayId == null ? start : ReplayPreset.CUSTOM);
        endpoint.setPubSubReplayId(replayId);
        consumer = endpoint.createConsumer(this::received);
        ((DefaultConsumer) consumer).setExceptionHandler(new Failures());
        ServiceHelper.startService(consumer);
    }

    /** The next event received, or null when none is waiting. */
    ChangeEvent poll() {
        return events.poll();
    }

    /** The event {@link #poll()} would give next, left in place. */
    ChangeEvent peek() {
        return events.peek();
    }

    /** The replay id Salesforce rejected as too old or invalid; null while none was. */
    String rejected() {
        return rejectedReplayId;
    }

    /** Why events may have been lost on the way in (the queue stayed full); null while none was. */
    String broken() {
        return broken;
    }

    @Override
    public void close() {
        closed = true;
        events.clear();
        ServiceHelper.stopAndShutdownService(consumer);
    }

    @Override
    public String toString() {
        return description;
    }

    private void received(Exchange exchange) throws InterruptedException {
        if (closed || broken != null) {
            return;
        }
        String replayId = exchange.getMessage().getHeader(SalesforceConstants.HEADER_SALESFORCE_PUBSUB_REPLAY_ID, String.class);
        ChangeEvent event;
        try {
            Object body = exchange.getMessage().getBody();
            event = platformEvents ? ChangeEvent.platformEvent(body, replayId) : ChangeEvent.of(body, replayId);
        } catch (SalesforceSourceException e) {
            broken = e.getMessage();
            return;
        }
        // a full queue holds the Pub/Sub client back (it asks for more only after this returns)
        if (!events.offer(event, OFFER_SECONDS, TimeUnit.SECONDS) && !closed) {
            broken = "event " + replayId + " waited " + OFFER_SECONDS + " s for room";
        }
    }

    /** camel-salesforce's way of telling its consumer about failures. */
    private final class Failures implements ExceptionHandler {

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (exception instanceof InvalidReplayIdException invalid) {
                rejectedReplayId = String.valueOf(invalid.getReplayId());
                // camel-salesforce would subscribe with the rejected replay id again and again, even after the
                // consumer stopped; failing its error callback ends that stream for good
                throw new IllegalStateException("the subscription to " + description + " ends: Salesforce rejected "
                        + "the replay id " + rejectedReplayId);
            } else {
                LOG.warn("Subscription to {}: {}{}", description, message == null ? "" : message + ": ",
                        exception.getMessage());
            }
        }
    }
}
