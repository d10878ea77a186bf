package com.ciopulse.segmentsync.source.salesforce;

import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.account;
import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.error;
import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.page;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce subscription source end to end: the real template, camel-salesforce's Pub/Sub client over TLS
 * against a local Pub/Sub API (gRPC, Avro), WireMock for the login and the re-queries, the pipeline, the sandbox
 * over HTTP, and the replay id in the state store.
 */
class SalesforceCdcSourceTest extends LocalPubSubTest {

    static final String SOURCE = "sf-accounts-live";
    static final String AUS = "001000000000001AAA";
    static final String NZ = "001000000000002AAA";
    static final String FJ = "001000000000003AAA";
    static final String WS = "001000000000004AAA";

    SalesforceCdcSourceTest() {
        super(SOURCE);
    }

    @Test
    void eventsReachTheSandboxAfterAFullQueryAtTheFirstStart() throws Exception {
        salesforce.answerQueries(account(AUS, "AUS", "Australia", 10, false));
        addSource();
        // nothing stored yet: from the latest event, after a query of every record
        awaitSubscriptions(1);
        await().atMost(WAIT).until(() -> sync.sandbox.segment(AUS).isPresent());
        assertThat(pubSub.subscriptions().get(0).preset()).isEqualTo(ReplayPreset.LATEST);
        // then what changed while Salesforce registered the subscription: since the full query began, less a minute
        await().atMost(WAIT).until(() -> salesforce.queries().size() == 2);
        assertThat(salesforce.queries().get(0)).isEqualTo(
                "SELECT Id, AccountNumber, Name, SystemModstamp, IsDeleted FROM Account ORDER BY SystemModstamp, Id");
        assertThat(salesforce.queries().get(1)).contains("FROM Account WHERE SystemModstamp >= ");
        sync.sandbox.clearRequests();

        pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));
        pubSub.publish("UPDATE", List.of(AUS), Map.of("Name", "Australia and Oceania"));
        pubSub.publish("UPDATE", List.of(AUS), Map.of("Type", "Branch"));
        String last = pubSub.publish("DELETE", List.of(NZ), Map.of());

        awaitCheckpoint(last);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active(AUS, "AUS", "Australia and Oceania"),
                new SandboxSegment(NZ, "NZ", "New Zealand", "n"));
        // an update sends the changed field only; one that changed no mapped field sends nothing
        // (records of different segments go out side by side; those of one segment in the order of their events)
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).containsExactlyInAnyOrder(
                "PUT " + NZ + " {\"segment_code\":\"NZ\",\"segment_name\":\"New Zealand\",\"active\":\"y\"}",
                "PUT " + AUS + " {\"segment_name\":\"Australia and Oceania\"}",
                "PUT " + NZ + " {\"active\":\"n\"}");
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).filteredOn(c -> c.contains(NZ))
                .extracting(c -> c.substring(c.indexOf('{'))).containsExactly(
                        "{\"segment_code\":\"NZ\",\"segment_name\":\"New Zealand\",\"active\":\"y\"}",
                        "{\"active\":\"n\"}");
        assertThat(pubSub.subscriptions()).hasSize(1);
    }

    @Test
    void aRestartResumesAfterTheStoredReplayIdWithoutLossOrRepeats() throws Exception {
        salesforce.answerQueries();
        addSource();
        awaitSubscriptions(1);
        pubSub.publish("CREATE", List.of(AUS), Map.of("Name", "Australia", "AccountNumber", "AUS"));
        String second = pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));
        awaitCheckpoint(second);
        // the full query of the first start and its catch-up (a moment later) are both done
        await().atMost(WAIT).until(() -> salesforce.queries().size() == 2);
        int queries = salesforce.queries().size();

        sync.close();
        // published while the sync is down
        pubSub.publish("CREATE", List.of(FJ), Map.of("Name", "Fiji", "AccountNumber", "FJ"));
        sync = startSync(SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY));
        String fourth = pubSub.publish("CREATE", List.of(WS), Map.of("Name", "Samoa", "AccountNumber", "WS"));
        addSource();

        awaitCheckpoint(fourth);
        assertThat(pubSub.subscriptions()).last().isEqualTo(
                new FakePubSub.Subscription(ReplayPreset.CUSTOM, second, "token-1"));
        // only the events after the stored replay id were sent, and nothing was re-queried
        assertThat(sync.sandbox.requests()).extracting(LocalPubSubTest::call).extracting(c -> c.substring(0, 22))
                .containsExactlyInAnyOrder("PUT " + FJ, "PUT " + WS);
        assertThat(salesforce.queries()).hasSize(queries);
    }

    @Test
    void aRejectedReplayIdRaisesTheAlertAndReQueriesEverythingBeforeFollowingTheLatestEvents() throws Exception {
        // a replay id Salesforce no longer knows (older than the retention window)
        checkpoints().save(SOURCE, FakePubSub.replayId(999), Instant.now());
        salesforce.answerQueries(account(AUS, "AUS", "Australia", 10, false), account(NZ, "NZ", "New Zealand", 20, true));

        try (LogCapture log = LogCapture.of(SalesforceCdcSource.class)) {
            addSource();
            await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 2);
            assertThat(log.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                    .contains("Salesforce source '" + SOURCE + "'", "rejected the replay id " + FakePubSub.replayId(999),
                            "events may have been missed", "Re-querying every Account record");
        }
        assertThat(resyncs("replay-id-rejected")).isEqualTo(1.0);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(SandboxSegment.active(AUS, "AUS", "Australia"),
                new SandboxSegment(NZ, "NZ", "New Zealand", "n"));
        // the rejected replay id was asked for once, then the latest event: never the rejected one again
        await().atMost(WAIT).until(() -> pubSub.openStreams() == 1);
        assertThat(pubSub.subscriptions()).extracting(FakePubSub.Subscription::preset)
                .containsExactly(ReplayPreset.CUSTOM, ReplayPreset.LATEST);

        await().atMost(WAIT).until(() -> salesforce.queries().size() == 2);
        String next = pubSub.publish("UPDATE", List.of(AUS), Map.of("AccountNumber", "AU"));
        awaitCheckpoint(next);
        assertThat(sync.sandbox.segment(AUS)).contains(SandboxSegment.active(AUS, "AU", "Australia"));
    }

    @Test
    void aGapEventReQueriesItsRecordsAndAnOverflowEveryRecord() throws Exception {
        salesforce.answerQueries(account(AUS, "AUS", "Australia", 10, false));
        addSource();
        awaitSubscriptions(1);
        await().atMost(WAIT).until(() -> sync.sandbox.segment(AUS).isPresent() && salesforce.queries().size() == 2);

        salesforce.server.stubFor(salesforce.queryAll().withQueryParam("q", containing("Id IN"))
                .willReturn(page(null, account(NZ, "NZ", "Aotearoa", 30, false))));
        String gap = pubSub.publish("GAP_UPDATE", List.of(NZ), Map.of());
        awaitCheckpoint(gap);
        assertThat(sync.sandbox.segment(NZ)).contains(SandboxSegment.active(NZ, "NZ", "Aotearoa"));
        assertThat(salesforce.queries()).last().asString().contains("FROM Account WHERE Id IN ('" + NZ + "') ORDER BY");

        salesforce.server.stubFor(salesforce.queryAll().withQueryParam("q", notContaining("Id IN"))
                .willReturn(page(null, account(AUS, "AUS", "Australia", 10, false), account(FJ, "FJ", "Fiji", 40, false))));
        String overflow = pubSub.publish("GAP_OVERFLOW", List.of(), Map.of());
        awaitCheckpoint(overflow);
        assertThat(sync.sandbox.segment(FJ)).contains(SandboxSegment.active(FJ, "FJ", "Fiji"));
        assertThat(salesforce.queries()).last().asString().doesNotContain("WHERE");
        assertThat(resyncs("gap")).isEqualTo(1.0);
        assertThat(resyncs("overflow")).isEqualTo(1.0);
    }

    @Test
    void anExpiredSessionIsRenewedWithoutLosingAnEvent() throws Exception {
        salesforce.answerQueries();
        addSource();
        awaitSubscriptions(1);
        String first = pubSub.publish("CREATE", List.of(AUS), Map.of("Name", "Australia", "AccountNumber", "AUS"));
        awaitCheckpoint(first);

        // the session of token-1 ends; the next login gets token-2, and the REST API refuses token-1 too
        salesforce.grantTokens("token-2");
        salesforce.server.stubFor(salesforce.queryAll().withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(error(401, "INVALID_SESSION_ID", "Session expired or invalid")));
        pubSub.expire("token-1");
        String second = pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));

        awaitCheckpoint(second);
        assertThat(sync.sandbox.segment(NZ)).contains(SandboxSegment.active(NZ, "NZ", "New Zealand"));
        assertThat(salesforce.logins()).hasSize(2);
        assertThat(pubSub.subscriptions()).last().isEqualTo(
                new FakePubSub.Subscription(ReplayPreset.CUSTOM, first, "token-2"));
    }

    @Test
    void aHaltOfTheSyncKeepsTheReplayIdAndTheEventIsHandedOverAfterTheResume() throws Exception {
        salesforce.answerQueries();
        addSource();
        awaitSubscriptions(1);
        String first = pubSub.publish("CREATE", List.of(AUS), Map.of("Name", "Australia", "AccountNumber", "AUS"));
        awaitCheckpoint(first);

        // CIOPulse refuses the credentials: the sync halts and the source is suspended mid-batch
        sync.sandbox.faults().rejectCredentials(true);
        String second = pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));
        await().atMost(WAIT).until(() ->
                sync.context.getRouteController().getRouteStatus(SOURCE) == org.apache.camel.ServiceStatus.Suspended);
        assertThat(checkpoints().find(SOURCE)).contains(first);

        sync.sandbox.faults().rejectCredentials(false);

        awaitCheckpoint(second);
        assertThat(sync.sandbox.segment(NZ)).contains(SandboxSegment.active(NZ, "NZ", "New Zealand"));
        assertThat(pubSub.subscriptions()).last().isEqualTo(
                new FakePubSub.Subscription(ReplayPreset.CUSTOM, first, "token-1"));
    }

    @Test
    void aStoppedSourceFollowsNoEventsAndResumesAfterItsReplayIdWhenStartedAgain() throws Exception {
        salesforce.answerQueries();
        addSource();
        awaitSubscriptions(1);
        String first = pubSub.publish("CREATE", List.of(AUS), Map.of("Name", "Australia", "AccountNumber", "AUS"));
        awaitCheckpoint(first);

        // e.g. another instance became the leader of this source
        sync.context.getRouteController().stopRoute(SOURCE);
        await().atMost(WAIT).until(() -> pubSub.openStreams() == 0);
        String second = pubSub.publish("CREATE", List.of(NZ), Map.of("Name", "New Zealand", "AccountNumber", "NZ"));
        sync.context.getRouteController().startRoute(SOURCE);

        awaitCheckpoint(second);
        assertThat(pubSub.subscriptions()).last().isEqualTo(
                new FakePubSub.Subscription(ReplayPreset.CUSTOM, first, "token-1"));
        assertThat(sync.sandbox.segment(NZ)).contains(SandboxSegment.active(NZ, "NZ", "New Zealand"));
    }

    // --- helpers ---

    /** A salesforce-cdc-source on Account handing over every 100 ms. */
    void addSource() throws Exception {
        source().parameter("sObjectName", "Account").parameter("segmentCodeField", "AccountNumber").add();
    }
}
