package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.source.PolledRecord;
import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.source.PolledSource;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.source.HandedOverRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the {@code salesforce-query-source} template: its own camel-salesforce component (own org and
 * login), the SOQL built from its settings, and its SystemModstamp watermark in the state store. The template
 * sets the properties, then calls {@link #open()}; a name that is not a Salesforce object or field stops the start
 * there.
 *
 * <p>{@link #start} begins a poll at the stored watermark less the overlap; {@link #addPage} takes each page the
 * route fetched, leaving out the records already handed over unchanged; {@link #acknowledge} stores the highest
 * SystemModstamp sent, and is called only after every record has an outcome.
 */
public class SalesforceQuerySource extends PolledSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceQuerySource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // how the REST API writes a dateTime: 2026-03-01T10:15:30.000+0000
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    private static final Clock CLOCK = Clock.systemUTC();

    private String sObjectName;
    private String where;
    private String systemIdField;
    private String segmentCodeField;
    private String segmentNameField;
    private String activeField;
    private String authFlow;
    private String loginUrl;
    private String clientId;
    private String userName;
    private String secretsFile;
    private boolean allowPlainHttp;
    private String apiVersion = "56.0";

    private SegmentMapping mapping;
    private SoqlQuery query;
    private SalesforceLogin login;
    private CamelContext context;
    private String componentName;
    private final HandedOverRows<PolledRecord<Instant>, Instant> handedOver =
            new HandedOverRows<>(PolledRecord::mark, Instant::isBefore);

    /**
     * Checks the settings before anything connects.
     *
     * @throws IllegalArgumentException naming the parameter and the value refused
     */
    public void open() {
        requireStores();
        try {
            mapping = mapping(systemIdField, segmentCodeField, segmentNameField, activeField);
            query = new SoqlQuery(sObjectName, List.copyOf(mapping.names().values()), unset(where) ? null : where);
            login = new SalesforceLogin(SalesforceLogin.Flow.parse(authFlow), loginUrl, clientId, userName, secretsFile,
                    allowPlainHttp);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Salesforce source on " + sObjectName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Begins a poll: the query from the stored watermark less the overlap (every record on the first poll). The
     * first poll creates the source's component and logs in, for the source the route names (its secrets are
     * that source's settings).
     *
     * @throws SalesforceSourceException when the login is refused, a secret is missing, or the stored watermark
     *                                   cannot be read
     */
    public synchronized QueryPoll start(String source, Exchange exchange) {
        component(source, exchange.getContext());
        Instant stored;
        try {
            stored = checkpoints.find(sourceId).map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new SalesforceSourceException("Salesforce source '" + sourceId + "': unreadable watermark checkpoint: "
                    + e.getMessage());
        }
        showWatermark(stored);
        return new QueryPoll(this, componentName, query.since(stored == null ? null : stored.minusSeconds(overlap)),
                stored, true);
    }

    /**
     * A re-query of the whole object (every record, deleted ones too), which leaves the watermark alone: a
     * subscription runs it when it cannot know what it missed.
     */
    public synchronized QueryPoll requeryAll(String source, CamelContext camelContext) {
        return new QueryPoll(this, component(source, camelContext), query.since(null), null, false);
    }

    /** A re-query of the records changed at or after {@code since}, which leaves the watermark alone. */
    public synchronized QueryPoll requerySince(String source, CamelContext camelContext, Instant since) {
        return new QueryPoll(this, component(source, camelContext), query.since(since), null, false);
    }

    /**
     * A re-query of the named records, which leaves the watermark alone.
     *
     * @throws SalesforceSourceException when an id is not a Salesforce record id
     */
    public synchronized QueryPoll requery(String source, CamelContext camelContext, List<String> recordIds) {
        String soql;
        try {
            soql = query.records(recordIds);
        } catch (IllegalArgumentException e) {
            throw new SalesforceSourceException("Salesforce source '" + source + "': " + e.getMessage());
        }
        return new QueryPoll(this, component(source, camelContext), soql, null, false);
    }

    /** The name of the source's camel-salesforce component; the first call creates it and logs in. */
    public synchronized String component(String source, CamelContext camelContext) {
        if (componentName == null) {
            connect(source, camelContext);
        }
        return componentName;
    }

    /** The object the source reads (Account, Region__c). */
    public String sObject() {
        return query.sObject();
    }

    /** Takes one page of the query result (the raw JSON): its records, and the URL of the next page if any. */
    public synchronized void addPage(QueryPoll poll, String page) {
        JsonNode result;
        try {
            result = JSON.readTree(page);
        } catch (IOException e) {
            throw new SalesforceSourceException("Salesforce source '" + sourceId + "': a query page is not JSON: "
                    + e.getMessage());
        }
        List<PolledRecord<Instant>> fresh = new ArrayList<>();
        JsonNode records = result.path("records");
        for (JsonNode record : records) {
            Instant modstamp = modstamp(record);
            String sourceRef = query.sObject() + " " + SalesforceFields.text(record, SoqlQuery.ID) + " "
                    + SoqlQuery.MODSTAMP + "=" + modstamp;
            // fields by name only, nested values as JSON: no record is refused
            PolledRecord<Instant> row = new PolledRecord<>(mapping.map(new SalesforceFields(record), sourceId, sourceRef, null)
                    .record(), modstamp);
            if (!handedOver.contains(row)) {
                fresh.add(row);
            }
        }
        poll.addPage(fresh, records.size(), result.path("done").asBoolean(true) ? null
                : SalesforceFields.text(result, "nextRecordsUrl"));
    }

    /**
     * Moves the watermark to the highest SystemModstamp the poll sent, once the pipeline answered for every
     * record. A dry run's records ({@code planned}) were not sent, so it keeps the watermark where it was.
     */
    synchronized void acknowledge(QueryPoll poll, BatchResult result) {
        List<PolledRecord<Instant>> rows = poll.rows();
        requireAnOutcomeEach(rows.size(), result);
        if (!poll.watermarked()) {
            LOG.info("Salesforce source '{}': {}: {}", sourceId, poll, result);
            return;
        }
        if (result.isDryRun()) {
            acknowledgedDryRun(poll, result);
            handedOver.add(rows, poll.stored() == null ? null : poll.stored().minusSeconds(overlap));
            return;
        }
        Instant next = poll.next();
        if (next != null && !next.equals(poll.stored())) {
            checkpoints.save(sourceId, next.toString(), CLOCK.instant());
            showWatermark(next);
        }
        handedOver.add(rows, next == null ? null : next.minusSeconds(overlap));
        acknowledged(poll, result, next);
    }

    /** Logs out and stops the source's component (Camel revokes the token). */
    @Override
    public synchronized void close() {
        if (componentName != null && context != null) {
            context.removeComponent(componentName);
            componentName = null;
        }
    }

    private void connect(String source, CamelContext camelContext) {
        sourceId = source;
        context = camelContext;
        String name = "salesforce-" + source;
        SalesforceComponent component = login.component(source, secrets);
        component.setCamelContext(camelContext);
        try {
            component.start();
        } catch (RuntimeException e) {
            component.stop();
            throw new SalesforceSourceException("Salesforce source '" + source + "' could not log in as "
                    + login.describe() + ": " + reason(e));
        }
        camelContext.addComponent(name, component);
        componentName = name;
        LOG.info("Salesforce source '{}' reads {} as {}", source, query.sObject(), login.describe());
    }

    private Instant modstamp(JsonNode record) {
        String text = SalesforceFields.text(record, SoqlQuery.MODSTAMP);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, SALESFORCE_DATETIME).toInstant();
        } catch (DateTimeParseException notTheRestFormat) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new SalesforceSourceException("Salesforce source '" + sourceId + "': unreadable "
                        + SoqlQuery.MODSTAMP + " '" + text + "'");
            }
        }
    }

    /** The innermost message: camel-salesforce wraps the login error of its session. */
    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * The mapping the field parameters give. A field left unmapped ({@code -}) is not read, so the API keeps its
     * current value. A deleted record ({@code IsDeleted}) is always {@code active=n}; any other is
     * {@code active=y} unless an active field is mapped, which then decides.
     *
     * @throws IllegalArgumentException naming the parameter whose value is not a field path
     */
    static SegmentMapping mapping(String systemIdField, String segmentCodeField, String segmentNameField,
                                  String activeField) {
        return SegmentMapping.builder()
                .field(SegmentRecords.SYSTEM_ID, FieldSource.name(SoqlQuery.field("systemIdField", systemIdField)))
                .field(SegmentRecords.SEGMENT_CODE, field("segmentCodeField", segmentCodeField))
                .field(SegmentRecords.SEGMENT_NAME, field("segmentNameField", segmentNameField))
                .field(SegmentRecords.ACTIVE, field("activeField", activeField))
                .deactivatedBy(FieldSource.name(SoqlQuery.IS_DELETED), Set.of("true"))
                .nestedValuesAsJson()
                .build();
    }

    private static FieldSource field(String parameter, String field) {
        return unset(field) ? FieldSource.NONE : FieldSource.name(SoqlQuery.field(parameter, field));
    }

    public void setSObjectName(String sObjectName) {
        this.sObjectName = sObjectName;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public void setSystemIdField(String systemIdField) {
        this.systemIdField = systemIdField;
    }

    public void setSegmentCodeField(String segmentCodeField) {
        this.segmentCodeField = segmentCodeField;
    }

    public void setSegmentNameField(String segmentNameField) {
        this.segmentNameField = segmentNameField;
    }

    public void setActiveField(String activeField) {
        this.activeField = activeField;
    }

    public void setAuthFlow(String authFlow) {
        this.authFlow = authFlow;
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public void setSecretsFile(String secretsFile) {
        this.secretsFile = secretsFile;
    }

    /** Whether a plain http loginUrl may name another host than this one (the secrets would go unencrypted). */
    public void setAllowPlainHttp(boolean allowPlainHttp) {
        this.allowPlainHttp = allowPlainHttp;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    String apiVersion() {
        return apiVersion;
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
