package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.source.PolledSource;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the {@code salesforce-cdc-source} template: a Pub/Sub API subscription to the Change Data Capture
 * events of one object, with its replay id in the state store. Re-queries go through the object's query (a
 * {@link SalesforceQuerySource} with the same settings, login and component), whose watermark it never moves.
 *
 * <p>The route asks {@link #next} for work on every tick and hands each piece over in order: the records of the
 * events received, or a re-query. {@link #done} stores the replay id of a piece once every record has an outcome,
 * so a restart resumes right after the last event handed over completely; a piece handed out and never done (handing
 * it over failed or stopped) makes the next call of {@code next} subscribe again after the stored replay id. The
 * subscription starts:
 * <ul>
 *   <li>after the stored replay id, when there is one;</li>
 *   <li>with none stored, from the latest event, followed by a re-query of every record (events that arrive
 *       meanwhile wait, so the newer values win) and, a few seconds later, a query of the records
 *       changed since that re-query began (Salesforce registers a subscription a moment after it was asked for);</li>
 *   <li>when Salesforce rejects the stored replay id (too old, or invalid): one ERROR line and the metric
 *       {@value SyncMetrics#RESYNCS} with reason {@code replay-id-rejected}, a new subscription from the latest
 *       event and a re-query of every record, never a silent jump to the latest event.</li>
 * </ul>
 * A gap event (GAP_CREATE, GAP_UPDATE, ...) names records without their values: they are re-queried; a GAP_OVERFLOW
 * event means too many changes to tell: every record is re-queried. When the system id is not the record id, a
 * mapped field lies on a related record, or a {@code where} condition is set, every event's records are
 * re-queried, since an event carries its own record's changed fields only.
 *
 * <p>A platform event topic ({@code /event/...}) carries no ChangeEventHeader and names no record: each event is
 * one upsert of its own mapped fields, the system id one of them. There is no object to re-query, so without a
 * stored replay id, and after Salesforce rejected one (with the same ERROR line and metric), it follows the events
 * from the earliest one retained; change detection leaves out what CIOPulse already has.
 */
public class SalesforceCdcSource extends PolledSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceCdcSource.class);
    private static final Clock CLOCK = Clock.systemUTC();
    /** Platform events and their custom channels: /event/Business_Unit_Change__e, /event/Units__chn. */
    static final String PLATFORM_EVENT_TOPICS = "/event/";
    static final String PLATFORM_EVENT_SUFFIX = "__e";
    static final String EVENT_HAS_NO_ID = "systemIdField must name the event field that holds the system id "
            + "(e.g. Unit_Key__c): a platform event has no record Id";
    /** The most events handed over as one batch (one run in the history). */
    private static final int MAX_EVENTS = 500;

    private final SalesforceQuerySource queries = new SalesforceQuerySource();
    private String sObjectName;
    private String topic;
    private String where;
    private String systemIdField;
    private String segmentCodeField;
    private String segmentNameField;
    private String activeField;
    private String pubSubHost;
    private int pubSubPort;
    private long reconnectDelay = 1000;
    // Salesforce registers a subscription a moment after it was asked for: a change made in between is in neither
    // the full re-query nor the events, so the records changed since the re-query began are read once more
    private Duration catchUpAfter = Duration.ofSeconds(5);

    private SegmentMapping mapping;
    private String topicName;
    private boolean platformEvents;
    private boolean eventsMapped;
    private CamelContext context;
    private PubSubSubscription subscription;
    /** The piece of work handed out and not done yet: when the next one is asked for, handing it over failed. */
    private CdcWork handedOut;
    private Requery pending;
    private Instant subscribedAt;
    private Instant requeryStartedAt;
    private CatchUp catchUp;

    /** How far before the start of the full re-query the catch-up reads (clocks differ). */
    static final Duration CATCH_UP_OVERLAP = Duration.ofSeconds(60);

    /** A re-query the source owes before it hands over anything else. */
    private record Requery(List<String> recordIds, String replayId, String reason) {
    }

    /** The catch-up query owed after a full re-query for a subscription from the latest event. */
    private record CatchUp(Instant since, Instant due) {
    }

    /**
     * Checks the settings before anything connects.
     *
     * @throws IllegalArgumentException naming the parameter and the value refused
     */
    public void open() {
        requireStores();
        Objects.requireNonNull(metrics, "metrics");
        queries.setSecrets(secrets);
        queries.setCheckpoints(checkpoints);
        topicName = unset(topic) ? defaultTopic(String.valueOf(sObjectName).strip()) : topic.strip();
        platformEvents = topicName.startsWith(PLATFORM_EVENT_TOPICS);
        if (platformEvents && unset(systemIdField)) {
            throw platformEventMisfit(EVENT_HAS_NO_ID);
        }
        queries.open();
        mapping = SalesforceQuerySource.mapping(systemIdField, segmentCodeField, segmentNameField, activeField);
        if (platformEvents && platformEventProblem(mapping) != null) {
            throw platformEventMisfit(platformEventProblem(mapping));
        }
        if (platformEvents && !unset(where)) {
            throw platformEventMisfit("where filters re-queries, and a platform event topic has none; leave it -");
        }
        eventsMapped = mapsEvents(mapping) && unset(where);
    }

    /**
     * The topic of an object's change events (/data/AccountChangeEvent, /data/Region__ChangeEvent for Region__c), or
     * of a platform event (/event/Business_Unit_Change__e).
     */
    static String defaultTopic(String sObject) {
        if (sObject.endsWith(PLATFORM_EVENT_SUFFIX)) {
            return PLATFORM_EVENT_TOPICS + sObject;
        }
        return "/data/" + (sObject.endsWith("__c") ? sObject.substring(0, sObject.length() - 1) + "ChangeEvent"
                : sObject + "ChangeEvent");
    }

    /**
     * Whether change events can be mapped as they come: the system id is the record id and no mapped field is on a
     * related record (an event carries the fields of its own record only). Otherwise each event's records are
     * queried.
     */
    private static boolean mapsEvents(SegmentMapping mapping) {
        return SoqlQuery.ID.equalsIgnoreCase(mapping.names().get(SegmentRecords.SYSTEM_ID))
                && mapping.names().values().stream().noneMatch(field -> field.contains("."));
    }

    /**
     * Why a mapping cannot map a platform event, or null when it can: a platform event has no record Id and no
     * related records, so the system id must be one of its own fields and no field may be a relationship path.
     */
    private static String platformEventProblem(SegmentMapping mapping) {
        if (SoqlQuery.ID.equalsIgnoreCase(mapping.names().get(SegmentRecords.SYSTEM_ID))) {
            return EVENT_HAS_NO_ID;
        }
        return mapping.names().values().stream().filter(field -> field.contains(".")).findFirst()
                .map(field -> "the field " + field + " is on a related record; a platform event has its own fields "
                        + "only").orElse(null);
    }

    private IllegalArgumentException platformEventMisfit(String problem) {
        return new IllegalArgumentException("Salesforce source on " + topicName + ": " + problem);
    }

    /**
     * The next piece of work, or null when nothing waits. Subscribes first when there is no subscription (the first
     * call also logs in), and starts anew when Salesforce rejected the replay id.
     *
     * @throws SalesforceSourceException when the login or the subscription fails
     */
    public synchronized CdcWork next(String source, Exchange exchange) {
        sourceId = source;
        context = exchange.getContext();
        if (handedOut != null) {
            interrupted();
        }
        try {
            handedOut = nextWork();
            return handedOut;
        } catch (RuntimeException e) {
            // events taken from the subscription on the way are read again after the stored replay id
            interrupted();
            throw e;
        }
    }

    private CdcWork nextWork() {
        if (subscription != null) {
            checkSubscription();
        }
        if (subscription == null) {
            subscribe(checkpoints.find(sourceId));
        }
        if (pending != null) {
            return requery(pending);
        }
        if (catchUp != null && !CLOCK.instant().isBefore(catchUp.due())) {
            return CdcWork.ofCatchUp(queries.requerySince(sourceId, context, catchUp.since()),
                    "catch-up of the changes since " + catchUp.since());
        }
        return events();
    }

    /**
     * Stores the replay id of a piece of work once every record has an outcome ({@code result} is null when it had
     * no record). A dry run's records were not sent, so it keeps the replay id where it was.
     */
    public synchronized void done(CdcWork work, BatchResult result) {
        store(work, result);
        handedOut = null;
    }

    private void store(CdcWork work, BatchResult result) {
        if (work.catchUp()) {
            catchUp = null;
        } else if (work.requery() && pending != null) {
            if (pending.recordIds() == null && pending.replayId() == null) {
                catchUp = new CatchUp(requeryStartedAt.minus(CATCH_UP_OVERLAP), subscribedAt.plus(catchUpAfter));
            }
            pending = null;
        }
        if (result != null && result.isDryRun()) {
            LOG.info("Salesforce source '{}': {}: {}; dry run, the replay id stays", sourceId, work, result);
            return;
        }
        if (work.replayId() != null) {
            checkpoints.save(sourceId, work.replayId(), CLOCK.instant());
        }
        if (!work.requery()) {
            if (result == null || result.changedNothing()) {
                LOG.debug("Salesforce source '{}': {}: {}", sourceId, work, result == null ? "no mapped field changed" : result);
            } else {
                LOG.info("Salesforce source '{}': {}: {}", sourceId, work, result);
            }
        }
    }

    /**
     * Handing over failed or stopped (the sync halted, the source stops, Salesforce failed): what was taken from the
     * subscription is not acknowledged, so the next tick subscribes again after the stored replay id. A re-query
     * that was owed is still owed.
     */
    public synchronized void interrupted() {
        handedOut = null;
        closeSubscription();
    }

    /** Ends the subscription and logs out. */
    @Override
    public synchronized void close() {
        closeSubscription();
        queries.close();
    }

    private void checkSubscription() {
        String rejected = subscription.rejected();
        if (rejected != null && platformEvents) {
            // no object to re-query: the events retained (72 hours) are handed over again, in their order, so
            // each segment ends at its newest values; change detection leaves out what CIOPulse already has
            LOG.error("Salesforce source '{}': Salesforce rejected the replay id {} of {} as too old or invalid: "
                    + "events may have been missed. A platform event has no object to re-query: following the "
                    + "events again from the earliest one retained", sourceId, rejected, topicName);
            metrics.resynced(sourceId, "replay-id-rejected");
            closeSubscription();
            subscribe(Optional.empty());
            return;
        }
        if (rejected != null) {
            LOG.error("Salesforce source '{}': Salesforce rejected the replay id {} of {} as too old or invalid: "
                    + "events may have been missed. Re-querying every {} record, then following the events from the "
                    + "latest one", sourceId, rejected, topicName, queries.sObject());
            metrics.resynced(sourceId, "replay-id-rejected");
            closeSubscription();
            pending = new Requery(null, null, "the rejected replay id " + rejected);
            subscribe(Optional.empty());
            return;
        }
        String broken = subscription.broken();
        if (broken != null) {
            LOG.warn("Salesforce source '{}': {} on {}; subscribing again after the stored replay id", sourceId,
                    broken, topicName);
            closeSubscription();
        }
    }

    /**
     * Subscribes after the stored replay id. With none: to change events from the latest event, owing a re-query of
     * everything; to platform events from the earliest event retained, as there is nothing to re-query.
     */
    private void subscribe(Optional<String> replayId) {
        String component = queries.component(sourceId, context);
        SalesforceComponent salesforce = context.getComponent(component, SalesforceComponent.class);
        salesforce.setPubSubHost(pubSubHost);
        salesforce.setPubSubPort(pubSubPort);
        try {
            subscription = new PubSubSubscription(context, component, topicName, replayId.orElse(null),
                    platformEvents ? ReplayPreset.EARLIEST : ReplayPreset.LATEST, platformEvents, reconnectDelay);
        } catch (Exception e) {
            throw new SalesforceSourceException("Salesforce source '" + sourceId + "' could not subscribe to "
                    + topicName + ": " + e.getMessage());
        }
        subscribedAt = CLOCK.instant();
        LOG.info("Salesforce source '{}' follows {}", sourceId, subscription);
        if (platformEvents) {
            return;
        }
        if (replayId.isEmpty() && pending == null) {
            pending = new Requery(null, null, "no replay id to resume from");
            metrics.resynced(sourceId, "no-replay-id");
        }
        if (replayId.isEmpty() && pending.recordIds() != null) {
            pending = new Requery(null, null, pending.reason());
        }
    }

    /** The events waiting, up to the first one whose records must be re-queried. */
    private CdcWork events() {
        List<SegmentRecord> records = new ArrayList<>();
        String last = null;
        int taken = 0;
        for (ChangeEvent event = subscription.peek(); event != null && taken < MAX_EVENTS; event = subscription.peek()) {
            boolean platformEvent = event.type() == ChangeEvent.ChangeType.PLATFORM_EVENT;
            if (!platformEvent && (!eventsMapped || event.type().isGap() || event.type() == ChangeEvent.ChangeType.OTHER
                    || event.recordIds().isEmpty())) {
                if (last != null) {
                    break;
                }
                subscription.poll();
                pending = requeryOf(event);
                return requery(pending);
            }
            subscription.poll();
            records.addAll(platformEvent ? List.of(event.platformEventRecord(mapping, sourceId, topicName))
                    : event.records(mapping, sourceId, topicName));
            last = event.replayId();
            taken++;
        }
        return last == null ? null : CdcWork.ofEvents(records, last, taken + " event(s) up to replay id " + last);
    }

    private Requery requeryOf(ChangeEvent event) {
        if (!event.type().isGap() && !event.recordIds().isEmpty()) {
            return new Requery(event.recordIds(), event.replayId(), "the records of " + event);
        }
        boolean overflow = event.type() == ChangeEvent.ChangeType.GAP_OVERFLOW || event.recordIds().isEmpty();
        LOG.warn("Salesforce source '{}': {} carries no field values; re-querying {}", sourceId, event,
                overflow ? "every " + queries.sObject() + " record" : "its records");
        metrics.resynced(sourceId, overflow ? "overflow" : "gap");
        return new Requery(overflow ? null : event.recordIds(), event.replayId(), event.toString());
    }

    private CdcWork requery(Requery requery) {
        requeryStartedAt = CLOCK.instant();
        QueryPoll poll = requery.recordIds() == null ? queries.requeryAll(sourceId, context)
                : queries.requery(sourceId, context, requery.recordIds());
        return CdcWork.ofRequery(poll, requery.replayId(), "re-query for " + requery.reason());
    }

    private void closeSubscription() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    public void setSObjectName(String sObjectName) {
        this.sObjectName = sObjectName;
        queries.setSObjectName(sObjectName);
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setWhere(String where) {
        this.where = where;
        queries.setWhere(where);
    }

    public void setSystemIdField(String systemIdField) {
        this.systemIdField = systemIdField;
        queries.setSystemIdField(systemIdField);
    }

    public void setSegmentCodeField(String segmentCodeField) {
        this.segmentCodeField = segmentCodeField;
        queries.setSegmentCodeField(segmentCodeField);
    }

    public void setSegmentNameField(String segmentNameField) {
        this.segmentNameField = segmentNameField;
        queries.setSegmentNameField(segmentNameField);
    }

    public void setActiveField(String activeField) {
        this.activeField = activeField;
        queries.setActiveField(activeField);
    }

    public void setAuthFlow(String authFlow) {
        queries.setAuthFlow(authFlow);
    }

    public void setLoginUrl(String loginUrl) {
        queries.setLoginUrl(loginUrl);
    }

    public void setClientId(String clientId) {
        queries.setClientId(clientId);
    }

    public void setUserName(String userName) {
        queries.setUserName(userName);
    }

    public void setSecretsFile(String secretsFile) {
        queries.setSecretsFile(secretsFile);
    }

    public void setAllowPlainHttp(boolean allowPlainHttp) {
        queries.setAllowPlainHttp(allowPlainHttp);
    }

    public void setApiVersion(String apiVersion) {
        queries.setApiVersion(apiVersion);
    }

    public void setPubSubHost(String pubSubHost) {
        this.pubSubHost = pubSubHost;
    }

    public void setPubSubPort(int pubSubPort) {
        this.pubSubPort = pubSubPort;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = Math.max(1, reconnectDelay);
    }

    public void setCatchUpDelay(long milliseconds) {
        this.catchUpAfter = Duration.ofMillis(Math.max(0, milliseconds));
    }

    @Override
    protected String kind() {
        return "Salesforce source";
    }

    @Override
    protected String reads() {
        return sObjectName;
    }
}
