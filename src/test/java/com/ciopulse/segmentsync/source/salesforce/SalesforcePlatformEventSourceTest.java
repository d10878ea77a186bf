package com.ciopulse.segmentsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.PubSubClientLogFilter;
import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * The subscription source on a platform event (/event/Business_Unit_Change__e) end to end: camel-salesforce's
 * Pub/Sub client against the local Pub/Sub API with the event's own schema, the pipeline, the sandbox over HTTP,
 * and the replay id in the state store. A platform event names no record and there is nothing to re-query.
 */
class SalesforcePlatformEventSourceTest extends LocalPubSubTest {

    static final String SOURCE = "sf-unit-events";

    SalesforcePlatformEventSourceTest() {
        super(SOURCE);
    }

    @Test
    void eventsReachTheSandboxFromTheEarliestRetainedEventAtTheFirstStart() throws Exception {
        // published before the source was set up, still retained
        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Code__c", "NORTH", "Unit_Name__c", "North"));
        addSource();
        awaitSubscriptions(1);
        assertThat(pubSub.subscriptions()).singleElement()
                .isEqualTo(new FakePubSub.Subscription(ReplayPreset.EARLIEST, null, "token-1"));

        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-2", "Unit_Code__c", "SOUTH", "Unit_Name__c", "South",
                "Is_Active__c", true));
        // fields the event leaves out are not sent: CIOPulse keeps them
        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Name__c", "North and Arctic"));
        String last = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-2", "Is_Active__c", false));

        awaitCheckpoint(last);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("BU-1", "NORTH", "North and Arctic"),
                new SandboxSegment("BU-2", "SOUTH", "South", "n"));
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).containsExactlyInAnyOrder(
                "PUT BU-1 {\"segment_code\":\"NORTH\",\"segment_name\":\"North\"}",
                "PUT BU-2 {\"segment_code\":\"SOUTH\",\"segment_name\":\"South\",\"active\":\"y\"}",
                "PUT BU-1 {\"segment_name\":\"North and Arctic\"}",
                "PUT BU-2 {\"active\":\"n\"}");
        // nothing is ever queried: a platform event has no object behind it
        assertThat(salesforce.queries()).isEmpty();
        assertThat(resyncs("no-replay-id")).isZero();
    }

    @Test
    void aRestartResumesAfterTheStoredReplayIdWithoutLossOrRepeats() throws Exception {
        addSource();
        awaitSubscriptions(1);
        String first = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Code__c", "NORTH", "Unit_Name__c", "North"));
        awaitCheckpoint(first);

        sync.close();
        // published while the sync is down
        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-2", "Unit_Code__c", "SOUTH", "Unit_Name__c", "South"));
        sync = startSync(SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY));
        String third = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-3", "Unit_Code__c", "EAST", "Unit_Name__c", "East"));
        addSource();

        awaitCheckpoint(third);
        assertThat(pubSub.subscriptions()).last().isEqualTo(
                new FakePubSub.Subscription(ReplayPreset.CUSTOM, first, "token-1"));
        // only the events after the stored replay id went out (the new sandbox has no BU-1)
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).extracting(c -> c.substring(0, 8))
                .containsExactlyInAnyOrder("PUT BU-2", "PUT BU-3");
    }

    @Test
    void anEventWithoutASystemIdIsRejectedAndTheEventsAfterItGoThrough() throws Exception {
        addSource();
        awaitSubscriptions(1);
        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Code__c", "NORTH", "Unit_Name__c", "North"));
        String bad = pubSub.publishEvent(Map.of("Unit_Code__c", "WEST", "Unit_Name__c", "West"));
        String last = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-3", "Unit_Code__c", "EAST", "Unit_Name__c", "East"));

        awaitCheckpoint(last);
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("BU-1", "BU-3");
        DeadLetter rejected = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(rejected.sourceRef()).isEqualTo(FakePubSub.PLATFORM_EVENT_TOPIC + " replay id " + bad
                + ", which has no value in its field Unit_Key__c (systemIdField)");
        assertThat(rejected.apiMessage()).contains("replay id " + bad, "Unit_Key__c", "field 'system_id': is missing");
        assertThat(pubSub.subscriptions()).hasSize(1);
    }

    @Test
    void aRejectedReplayIdRaisesTheAlertAndFollowsTheEventsAgainFromTheEarliest() throws Exception {
        addSource();
        awaitSubscriptions(1);
        pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Code__c", "NORTH", "Unit_Name__c", "North"));
        String second = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-2", "Unit_Code__c", "SOUTH", "Unit_Name__c", "South"));
        awaitCheckpoint(second);

        // the sync was away longer than the retention: Salesforce no longer knows the stored replay id
        sync.context.getRouteController().stopRoute(SOURCE);
        checkpoints().save(SOURCE, FakePubSub.replayId(999), Instant.now());
        sync.sandbox.clearRequests();
        try (LogCapture log = LogCapture.of(SalesforceCdcSource.class);
             LogCapture client = LogCapture.of(PubSubClientLogFilter.CLIENT_LOGGER)) {
            sync.context.getRouteController().startRoute(SOURCE);
            awaitCheckpoint(second);
            assertThat(log.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                    .contains("Salesforce source '" + SOURCE + "'", "rejected the replay id " + FakePubSub.replayId(999),
                            "events may have been missed", "following the events again from the earliest one retained");
            // with the runner's logging: camel-salesforce's client adds no ERROR stack trace of its own
            assertThat(client.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
        assertThat(resyncs("replay-id-rejected")).isEqualTo(1.0);
        assertThat(pubSub.subscriptions()).extracting(FakePubSub.Subscription::preset)
                .containsExactly(ReplayPreset.EARLIEST, ReplayPreset.CUSTOM, ReplayPreset.EARLIEST);
        // the events handed over again were what CIOPulse already had: no call
        assertThat(sync.sandbox.requests()).isEmpty();

        String next = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Name__c", "North and Arctic"));
        awaitCheckpoint(next);
        assertThat(sync.sandbox.segment("BU-1")).contains(SandboxSegment.active("BU-1", "NORTH", "North and Arctic"));
    }

    @Test
    void anExpiredSessionLogsInAgainAndGoesOnWithoutLossOrRepeats() throws Exception {
        addSource();
        awaitSubscriptions(1);
        String first = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-1", "Unit_Code__c", "NORTH", "Unit_Name__c", "North"));
        awaitCheckpoint(first);

        try (LogCapture client = LogCapture.of(PubSubClientLogFilter.CLIENT_LOGGER)) {
            // BU-2 is on its way to CIOPulse (stored replay id: still BU-1's) and BU-3 waits in the source when the
            // session of token-1 ends mid-subscription; the next login gets token-2
            // slower than the tick, within the API response timeout of the tests (1 s)
            sync.sandbox.faults().latency(Duration.ofMillis(600));
            pubSub.publishEvent(Map.of("Unit_Key__c", "BU-2", "Unit_Code__c", "SOUTH", "Unit_Name__c", "South"));
            await().atMost(WAIT).until(() -> sync.sandbox.requests().stream().anyMatch(r -> r.rawPath().endsWith("/BU-2")));
            String third = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-3", "Unit_Code__c", "EAST", "Unit_Name__c", "East"));
            salesforce.grantTokens("token-2");
            pubSub.expire("token-1");
            sync.sandbox.faults().latency(Duration.ZERO);
            String fourth = pubSub.publishEvent(Map.of("Unit_Key__c", "BU-4", "Unit_Code__c", "WEST", "Unit_Name__c", "West"));

            awaitCheckpoint(fourth);
            assertThat(salesforce.logins()).hasSize(2);
            // the client subscribed again with the new session after the last event it had received
            assertThat(pubSub.subscriptions()).last().isEqualTo(new FakePubSub.Subscription(ReplayPreset.CUSTOM, third, "token-2"));
            // with the runner's logging: an expired session leaves no ERROR stack trace of the client's
            assertThat(client.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
        // each event went out once
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).containsExactlyInAnyOrder(
                "PUT BU-1 {\"segment_code\":\"NORTH\",\"segment_name\":\"North\"}",
                "PUT BU-2 {\"segment_code\":\"SOUTH\",\"segment_name\":\"South\"}",
                "PUT BU-3 {\"segment_code\":\"EAST\",\"segment_name\":\"East\"}",
                "PUT BU-4 {\"segment_code\":\"WEST\",\"segment_name\":\"West\"}");
    }

    @Test
    void aMappedFieldOnARelatedRecordIsRefusedAtStart() {
        // a platform event carries its own fields only: there is no related record to follow
        assertThatThrownBy(() -> source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("systemIdField", "Unit_Key__c").parameter("segmentCodeField", "Unit_Code__c")
                .parameter("segmentNameField", "Region__r.Name").add())
                .hasStackTraceContaining("Salesforce source on /event/Business_Unit_Change__e: the field Region__r.Name "
                        + "is on a related record; a platform event has its own fields only");
        assertThatThrownBy(() -> source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("systemIdField", "Owner.Unit_Key__c").parameter("segmentCodeField", "Unit_Code__c").add())
                .hasStackTraceContaining("the field Owner.Unit_Key__c is on a related record");
        assertThat(pubSub.subscriptions()).isEmpty();
        assertThat(salesforce.logins()).isEmpty();
    }

    @Test
    void aPlatformEventTopicWithoutAnEventFieldForTheSystemIdIsRefusedAtStart() {
        // the default systemIdField is Id, which a platform event does not have
        assertThatThrownBy(() -> source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("segmentCodeField", "Unit_Code__c").add())
                .hasStackTraceContaining("Salesforce source on /event/Business_Unit_Change__e: systemIdField must name "
                        + "the event field that holds the system id (e.g. Unit_Key__c): a platform event has no record Id");
        assertThatThrownBy(() -> source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("systemIdField", "-").parameter("segmentCodeField", "Unit_Code__c").add())
                .hasStackTraceContaining("systemIdField must name the event field that holds the system id");
        assertThatThrownBy(() -> source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("systemIdField", "Unit_Key__c").parameter("segmentCodeField", "Unit_Code__c")
                .parameter("where", "Type = 'Branch'").add())
                .hasStackTraceContaining("where filters re-queries, and a platform event topic has none");
        assertThat(pubSub.subscriptions()).isEmpty();
    }

    /** A salesforce-cdc-source on the platform event Business_Unit_Change__e, its fields mapped. */
    void addSource() throws Exception {
        source().parameter("sObjectName", "Business_Unit_Change__e")
                .parameter("systemIdField", "Unit_Key__c")
                .parameter("segmentCodeField", "Unit_Code__c")
                .parameter("segmentNameField", "Unit_Name__c")
                .parameter("activeField", "Is_Active__c")
                .add();
    }
}
