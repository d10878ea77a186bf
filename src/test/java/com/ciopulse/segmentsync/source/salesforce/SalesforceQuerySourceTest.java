package com.ciopulse.segmentsync.source.salesforce;

import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.account;
import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.error;
import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.page;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.source.PollBackoff;
import com.ciopulse.segmentsync.source.SourcePolls;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce query source end to end: the real template and camel-salesforce against a local Salesforce
 * (WireMock: OAuth, queryAll, the pages behind nextRecordsUrl), the pipeline, the sandbox over HTTP, and the
 * SystemModstamp watermark in the state store.
 */
class SalesforceQuerySourceTest extends LocalSalesforceTest {

    static final String SOURCE = "sf-accounts";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String CLIENT_SECRET = "client-secret-of-the-test";
    static final String PASSWORD = "password-of-the-test";
    static final String SECURITY_TOKEN = "token-of-the-test";

    @TempDir
    Path tempDir;

    @BeforeEach
    void start() throws Exception {
        salesforce = FakeSalesforce.start();
        sync = SyncHarness.start(tempDir, secrets());
    }

    /** The settings with the source's secrets. */
    static Properties secrets() {
        Properties settings = new Properties();
        settings.setProperty("sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET);
        settings.setProperty("sync.salesforce." + SOURCE + ".password", PASSWORD);
        settings.setProperty("sync.salesforce." + SOURCE + ".security-token", SECURITY_TOKEN);
        return settings;
    }


    @Test
    void theFirstPollFollowsEveryPageAndStoresTheHighestModstamp() throws Exception {
        salesforce.server.stubFor(salesforce.queryAll().willReturn(page("/services/data/v56.0/query/01gSF-2000",
                account("001A", "AUS", "Australia", 10, false), account("001B", "NZ", "New Zealand", 20, false))));
        salesforce.server.stubFor(salesforce.nextPage("/services/data/v56.0/query/01gSF-2000").willReturn(
                page("/services/data/v56.0/query/01gSF-4000", account("001C", "FJ", "Fiji", 30, false))));
        salesforce.server.stubFor(salesforce.nextPage("/services/data/v56.0/query/01gSF-4000").willReturn(
                page(null, account("001D", "WS", "Samoa", 40, false))));

        addSource();

        awaitCheckpoint(40);
        assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE))
                .contains((double) Instant.parse("2026-03-01T10:00:40Z").getEpochSecond());
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("001A", "AUS", "Australia"),
                SandboxSegment.active("001B", "NZ", "New Zealand"),
                SandboxSegment.active("001C", "FJ", "Fiji"),
                SandboxSegment.active("001D", "WS", "Samoa"));
        assertThat(salesforce.queries().get(0)).isEqualTo("SELECT Id, AccountNumber, Name, SystemModstamp, IsDeleted"
                + " FROM Account ORDER BY SystemModstamp, Id");
        assertThat(salesforce.logins()).hasSize(1).first().extracting(FakeSalesforce::form).asString()
                .contains("grant_type=password", "client_id=3MVG9-test-client", "client_secret=" + CLIENT_SECRET,
                        "username=integration@example.com", "password=" + PASSWORD + SECURITY_TOKEN);
    }

    @Test
    void oneChangedRecordSendsExactlyOnePutOnTheNextPoll() throws Exception {
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false),
                account("001B", "NZ", "New Zealand", 20, false), account("001C", "FJ", "Fiji", 30, false));
        addSource();
        awaitCheckpoint(30);
        sync.sandbox.clearRequests();

        // the overlap reads the unchanged records again; only the changed one goes out
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false),
                account("001C", "FJ", "Fiji", 30, false), account("001B", "NZ", "Aotearoa New Zealand", 45, false));

        awaitCheckpoint(45);
        awaitPolls(3);
        assertThat(sync.sandbox.requests()).extracting(r -> r.method() + " " + r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1))
                .containsExactly("PUT 001B");
        assertThat(sync.sandbox.segment("001B")).contains(SandboxSegment.active("001B", "NZ", "Aotearoa New Zealand"));
        // a later poll starts at the stored SystemModstamp less the overlap (60 s)
        assertThat(salesforce.queries()).last().asString()
                .endsWith("FROM Account WHERE SystemModstamp >= 2026-03-01T09:59:45Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void aDeletedRecordBecomesInactive() throws Exception {
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false), account("001B", "NZ", "New Zealand", 20, false));
        addSource(Map.of("where", "Type = 'Branch'"));
        awaitCheckpoint(20);

        // in the recycle bin: queryAll still returns it, with IsDeleted and a new SystemModstamp
        salesforce.answerQueries(account("001B", "NZ", "New Zealand", 20, false), account("001A", "AUS", "Australia", 50, true));

        awaitCheckpoint(50);
        assertThat(sync.sandbox.segment("001A")).contains(new SandboxSegment("001A", "AUS", "Australia", "n"));
        assertThat(sync.sandbox.segment("001B").orElseThrow().isActive()).isTrue();
        assertThat(salesforce.queries()).last().asString()
                .contains("FROM Account WHERE (Type = 'Branch') AND SystemModstamp >= ");
    }

    @Test
    void anExpiredSessionIsRenewedOnceWithoutLosingARecord() throws Exception {
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false));
        addSource();
        awaitCheckpoint(10);

        // the session of token-1 expires; a new login gets token-2
        salesforce.grantTokens("token-2");
        salesforce.server.stubFor(salesforce.queryAll().withHeader("Authorization", notContaining("token-2"))
                .willReturn(error(401, "INVALID_SESSION_ID", "Session expired or invalid")));
        salesforce.server.stubFor(salesforce.queryAll().withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(page(null, account("001A", "AUS", "Australia", 10, false), account("001B", "NZ", "New Zealand", 20, false))));

        try (LogCapture log = LogCapture.of(PollBackoff.class)) {
            awaitCheckpoint(20);
            assertThat(log.lines()).noneMatch(line -> line.contains("failed to poll"));
        }
        assertThat(sync.sandbox.segment("001B")).contains(SandboxSegment.active("001B", "NZ", "New Zealand"));
        // one new login, and the refused query sent again with the new token
        assertThat(salesforce.logins()).hasSize(2);
        assertThat(salesforce.queryRequests()).extracting(r -> r.getHeader("Authorization"))
                .containsSubsequence("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void aRequestLimitBacksOffAndLosesNothing() throws Exception {
        String limit = "REQUEST_LIMIT_EXCEEDED";
        salesforce.server.stubFor(salesforce.queryAll().inScenario(limit).whenScenarioStateIs(STARTED)
                .willReturn(error(403, limit, "TotalRequests Limit exceeded.")).willSetStateTo("still"));
        salesforce.server.stubFor(salesforce.queryAll().inScenario(limit).whenScenarioStateIs("still")
                .willReturn(error(403, limit, "TotalRequests Limit exceeded.")).willSetStateTo("lifted"));
        salesforce.server.stubFor(salesforce.queryAll().inScenario(limit).whenScenarioStateIs("lifted")
                .willReturn(page(null, account("001A", "AUS", "Australia", 10, false))));

        try (LogCapture log = LogCapture.of(PollBackoff.class); LogCapture everything = LogCapture.everythingAt(Level.WARN)) {
            addSource();
            awaitCheckpoint(10);

            // each refusal is logged once, by the source's backoff: no error handler on the way logs it again
            assertThat(everything.lines()).noneMatch(line -> line.startsWith("ERROR"));
            assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN")).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("Source '" + SOURCE + "' failed to poll", limit))
                    .satisfiesExactly(
                            first -> assertThat(first).contains("(1 in a row)", "next attempt in 0.2 s"),
                            second -> assertThat(second).contains("(2 in a row)", "next attempt in 0.4 s"));
        }
        assertThat(sync.sandbox.segment("001A")).isPresent();
        // polled every 100 ms, but after each refusal it waited twice as long as before
        List<Instant> attempts = salesforce.server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                        .getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeSalesforce.QUERY_ALL)))
                .stream().map(LoggedRequest::getLoggedDate).map(java.util.Date::toInstant).limit(3).toList();
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void a401FromCiopulseHaltsTheSourceAndKeepsTheWatermarkUntilTheSyncResumes() throws Exception {
        sync.sandbox.faults().rejectCredentials(true);
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false));

        try (LogCapture polls = LogCapture.of(SourcePolls.class)) {
            addSource();

            await().atMost(WAIT).until(() ->
                    sync.context.getRouteController().getRouteStatus(SOURCE) == org.apache.camel.ServiceStatus.Suspended);
            // the halt, dealt with by the pipeline's error handling, still ends the poll on the sources' error path
            await().atMost(WAIT).until(() -> !polls.lines().isEmpty());
            assertThat(polls.lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("WARN Source '" + SOURCE + "': not acknowledged, its input is read again later"));
        }
        assertThat(checkpoint()).isEmpty();

        sync.sandbox.faults().rejectCredentials(false);

        awaitCheckpoint(10);
        assertThat(sync.sandbox.segment("001A")).isPresent();
    }

    @Test
    void twoSourcesReadTwoOrgsWithTheirOwnLoginsAndWatermarks() throws Exception {
        salesforce.answerQueries(account("001A", "AUS", "Australia", 10, false));
        try (FakeSalesforce otherOrg = FakeSalesforce.start()) {
            otherOrg.answerQueries(account("001Z", "EU", "Europe", 70, false));
            System.setProperty("sync.salesforce.sf-europe.client-secret", "secret-of-the-other-org");
            System.setProperty("sync.salesforce.sf-europe.password", "password-in-the-other-org");
            try {
                addSource();
                TemplatedRouteBuilder.builder(sync.context, "salesforce-query-source").routeId("sf-europe")
                        .parameter("sObjectName", "Account").parameter("segmentCodeField", "AccountNumber")
                        .parameter("loginUrl", otherOrg.loginUrl()).parameter("clientId", "3MVG9-other-client")
                        .parameter("userName", "sync@europe.example.com").parameter("delay", "100").add();

                awaitCheckpoint(SOURCE, 10);
                // the checkpoint is stored a moment after the segment reached the sandbox
                awaitCheckpoint("sf-europe", 70);
                assertThat(sync.sandbox.segment("001Z")).contains(SandboxSegment.active("001Z", "EU", "Europe"));
                assertThat(otherOrg.logins()).hasSize(1).first().extracting(FakeSalesforce::form).asString()
                        .contains("client_id=3MVG9-other-client", "client_secret=secret-of-the-other-org",
                                "username=sync@europe.example.com", "password=password-in-the-other-org");
                assertThat(FakeSalesforce.form(salesforce.logins().get(0))).contains("client_id=3MVG9-test-client");
            } finally {
                System.clearProperty("sync.salesforce.sf-europe.client-secret");
                System.clearProperty("sync.salesforce.sf-europe.password");
            }
        }
    }

    // --- helpers ---

    void addSource() throws Exception {
        addSource(Map.of());
    }

    void addSource(Map<String, String> overrides) throws Exception {
        addSource(sync, salesforce, overrides);
    }

    /** A salesforce-query-source on Account polling every 100 ms; {@code overrides} win. */
    static void addSource(SyncHarness sync, FakeSalesforce salesforce, Map<String, String> overrides) throws Exception {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "sObjectName", "Account",
                "segmentCodeField", "AccountNumber",
                "loginUrl", salesforce.loginUrl(),
                "clientId", "3MVG9-test-client",
                "userName", "integration@example.com",
                "delay", "100"));
        parameters.putAll(overrides);
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(sync.context, "salesforce-query-source").routeId(SOURCE);
        parameters.forEach(route::parameter);
        route.add();
    }

    Optional<String> checkpoint() {
        return checkpoint(SOURCE);
    }

    Optional<String> checkpoint(String source) {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(source);
    }

    void awaitCheckpoint(int seconds) {
        awaitCheckpoint(SOURCE, seconds);
    }

    /** Waits until the source's watermark is the SystemModstamp {@code seconds} after 2026-03-01T10:00:00Z. */
    void awaitCheckpoint(String source, int seconds) {
        String expected = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(seconds).toString();
        await().atMost(WAIT).until(() -> checkpoint(source).equals(Optional.of(expected)));
    }

    void awaitPolls(int polls) {
        NotifyBuilder done = new NotifyBuilder(sync.context).fromRoute(SOURCE).whenDone(polls).create();
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as(polls + " polls").isTrue();
    }
}
