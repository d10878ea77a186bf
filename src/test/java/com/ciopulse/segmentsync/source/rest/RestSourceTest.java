package com.ciopulse.segmentsync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ciopulse.segmentsync.operate.SyncMetrics;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.ciopulse.segmentsync.testsupport.ThisHost;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST source template end to end: the real template polling a WireMock helpdesk page by page, the pipeline,
 * the sandbox over HTTP, and the watermark in the state store.
 */
class RestSourceTest {

    static final String SOURCE = "helpdesk-units";
    static final String TOKEN = "helpdesk-token-for-tests";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tempDir;

    WireMockServer api;
    SyncHarness sync;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        Properties settings = new Properties();
        settings.setProperty("sync.rest." + SOURCE + ".secret", TOKEN);
        sync = SyncHarness.start(tempDir, settings);
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        api.stop();
    }

    @Test
    void everyPageIsReadByPageNumberUntilAShortPage() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        stubPage(2, unit(3, "2026-03-01T10:00:30Z"), unit(4, "2026-03-01T10:00:40Z"));
        stubPage(3, unit(5, "2026-03-01T10:00:50Z"));

        addSource(Map.of());

        awaitCheckpoint("2026-03-01T10:00:50Z");
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId)
                .containsExactlyInAnyOrder("101", "102", "103", "104", "105");
        assertThat(sync.sandbox.segment("103")).contains(SandboxSegment.active("103", "U3", "Unit 3"));
        // the fixed parameter of the URL and the page size go with every page; no page after the short one
        assertThat(unitRequests()).extracting(r -> r.queryParameter("page").firstValue()).containsExactly("1", "2", "3");
        assertThat(unitRequests()).allSatisfy(r -> {
            assertThat(r.queryParameter("sort").firstValue()).isEqualTo("updated_at");
            assertThat(r.queryParameter("per_page").firstValue()).isEqualTo("2");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        });
    }

    @Test
    void aCursorIsSentBackUntilThePageHasNone() throws Exception {
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page[after]", absent())
                .willReturn(okJson(page("\"meta\":{\"after_cursor\":\"c2\"}", unit(1, "2026-03-01T10:00:10Z")))));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page[after]", equalTo("c2"))
                .willReturn(okJson(page("\"meta\":{\"after_cursor\":null}", unit(2, "2026-03-01T10:00:20Z")))));

        addSource(Map.of("pagination", "cursor", "cursorPath", "$.meta.after_cursor", "cursorParam", "page[after]"));

        awaitCheckpoint("2026-03-01T10:00:20Z");
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("101", "102");
        assertThat(unitRequests()).hasSize(2);
    }

    @Test
    void theIncrementalParameterAdvancesOnlyAfterEveryRecordHasAnOutcome() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        stubPage(2);
        sync.sandbox.faults().rejectCredentials(true);

        addSource(Map.of("delay", "200"));

        // the Segments API refused the credentials: no outcome, the source is suspended and the watermark not stored
        await().atMost(WAIT).until(() -> sync.context.getRouteController().getRouteStatus(SOURCE) == ServiceStatus.Suspended);
        assertThat(checkpoint()).isEmpty();
        assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).isEmpty();
        assertThat(unitRequests()).allSatisfy(r -> assertThat(r.queryParameter("updated_since").isPresent()).isFalse());

        sync.sandbox.faults().rejectCredentials(false);

        awaitCheckpoint("2026-03-01T10:00:20Z");
        assertThat(sync.sandbox.segments()).hasSize(2);
        assertThat(sync.gauge(SyncMetrics.WATERMARK, SOURCE)).contains((double) Instant.parse("2026-03-01T10:00:20Z").getEpochSecond());
        // the polls after it ask only for what changed since the watermark, less the overlap of 5 s
        await().atMost(WAIT).until(() -> unitRequests().stream().anyMatch(r -> r.queryParameter("updated_since").isPresent()));
        assertThat(unitRequests().stream().filter(r -> r.queryParameter("updated_since").isPresent()).findFirst().orElseThrow()
                .queryParameter("updated_since").firstValue()).isEqualTo("2026-03-01T10:00:15Z");
    }

    @Test
    void a429IsWaitedForAsRetryAfterSaysAndTheSamePageAskedAgain() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo("2"))
                .inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("waited"));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo("2"))
                .inScenario("rate limit").whenScenarioStateIs("waited")
                .willReturn(okJson(page("", unit(3, "2026-03-01T10:00:30Z")))));

        addSource(Map.of());

        awaitCheckpoint("2026-03-01T10:00:30Z");
        assertThat(sync.sandbox.segments()).hasSize(3);
        List<LoggedRequest> requests = unitRequests();
        assertThat(requests).extracting(r -> r.queryParameter("page").firstValue()).containsExactly("1", "2", "2");
        Duration waited = Duration.between(requests.get(1).getLoggedDate().toInstant(), requests.get(2).getLoggedDate().toInstant());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aMalformedPageIsDeadLetteredWithoutLosingTheOthers() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"items\": [{\"id\": 103, \"name\": \"Unit 3\"")));
        stubPage(3, unit(5, "2026-03-01T10:00:50Z"));

        addSource(Map.of("delay", "200"));

        await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 3);
        assertThat(sync.sandbox.segments()).extracting(SandboxSegment::systemId).containsExactlyInAnyOrder("101", "102", "105");
        DeadLetter page2 = sync.beans.deadLetterStore().list(false).get(0);
        assertThat(page2.source()).isEqualTo(SOURCE);
        assertThat(page2.sourceRef()).startsWith("page 2 (").contains("page=2");
        assertThat(page2.apiMessage()).contains("not JSON");
        // the watermark does not pass a page that failed: the next poll reads page 2 again
        assertThat(checkpoint()).isEmpty();

        stubPage(2, unit(3, "2026-03-01T10:00:30Z"), unit(4, "2026-03-01T10:00:40Z"));

        awaitCheckpoint("2026-03-01T10:00:50Z");
        assertThat(sync.sandbox.segments()).hasSize(5);
    }

    @Test
    void anErrorStatusFailsThePollAndSendsNothing() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(503)));

        addSource(Map.of());

        await().atMost(WAIT).until(() -> unitRequests().size() == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sync.sandbox.requests().isEmpty());
        assertThat(checkpoint()).isEmpty();
    }

    @Test
    void theTokenShowsInNoLogLineAndNoDeadLetter() throws Exception {
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"), unit(2, "2026-03-01T10:00:20Z"));
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo("2")).willReturn(okJson("[oops")));
        stubPage(3);

        List<String> lines;
        try (LogCapture log = LogCapture.everythingAtDebug()) {
            addSource(Map.of());
            await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 2
                    && !sync.beans.deadLetterStore().list(false).isEmpty());
            lines = log.lines();
        }

        assertThat(unitRequests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
        assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::toString)
                .noneMatch(letter -> letter.contains(TOKEN));
    }

    @Test
    void aNextPageOnAnotherHostIsNotRequested() throws Exception {
        WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        try {
            api.stubFor(get(urlPathEqualTo("/units")).willReturn(okJson(page(
                    "\"next_page\": \"" + elsewhere.baseUrl() + "/units?page=2\"", unit(1, "2026-03-01T10:00:10Z")))));

            addSource(Map.of("pagination", "next-url"));

            await().atMost(WAIT).until(() -> unitRequests().size() == 1);
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sync.sandbox.requests().isEmpty());
            assertThat(elsewhere.findAll(getRequestedFor(urlPathEqualTo("/units")))).isEmpty();
            assertThat(checkpoint()).isEmpty();
        } finally {
            elsewhere.stop();
        }
    }

    // --- helpers ---

    @Test
    void aPlainHttpUrlToAnotherHostIsRefusedAtStartWhileAuthSendsASecret() throws Exception {
        String url = unitsOnAnotherAddress();

        assertThatThrownBy(() -> addSource(Map.of("url", url)))
                .hasStackTraceContaining("REST source on " + url + ": url '" + url + "' is plain http to another host:"
                        + " the secret of auth bearer would cross the network unencrypted. Use https, or set the"
                        + " parameter allowPlainHttp=true of this source");
        assertThat(sync.context.getRoute(SOURCE)).isNull();
        // without auth no secret goes out: nothing to refuse
        addSource(Map.of("url", url, "auth", "none", "autoStartup", "false"));
        assertThat(sync.context.getRoute(SOURCE)).isNotNull();

        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void allowPlainHttpLetsTheSecretGoToAnotherHost() throws Exception {
        String url = unitsOnAnotherAddress();
        stubPage(1, unit(1, "2026-03-01T10:00:10Z"));

        addSource(Map.of("url", url, "allowPlainHttp", "true"));

        awaitCheckpoint("2026-03-01T10:00:10Z");
        assertThat(unitRequests()).first().satisfies(request -> {
            assertThat(request.getAbsoluteUrl()).startsWith(url.substring(0, url.indexOf("/units")));
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        });
    }

    /**
     * The units on a plain http URL to this machine's non-loopback address, where the stub now listens: what the
     * loopback rule would let through reaches it, so a refusal is seen to send nothing.
     */
    private String unitsOnAnotherAddress() {
        String address = ThisHost.nonLoopbackAddress().orElse(null);
        assumeTrue(address != null, "this machine has no non-loopback address to listen on");
        api.stop();
        api = new WireMockServer(options().dynamicPort().bindAddress(address));
        api.start();
        return "http://" + address + ":" + api.port() + "/units?sort=updated_at";
    }

    void addSource(Map<String, String> overrides) throws Exception {
        addSource(sync, api, overrides);
    }

    /** A rest-source on /units of the stub, by page number, two per page, with Bearer auth; {@code overrides} win. */
    static void addSource(SyncHarness sync, WireMockServer api, Map<String, String> overrides) throws Exception {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "url", api.baseUrl() + "/units?sort=updated_at",
                "auth", "bearer",
                "pagination", "page-number",
                "pageSizeParam", "per_page",
                "pageSize", "2",
                "recordsPath", "$.items",
                "sinceParam", "updated_since",
                "overlap", "5"));
        parameters.putAll(Map.of("segmentCode", "$.code", "delay", "60000", "maxRetryAfter", "5"));
        parameters.putAll(overrides);
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(sync.context, "rest-source").routeId(SOURCE);
        parameters.forEach(route::parameter);
        route.add();
    }

    void stubPage(int number, String... units) {
        api.stubFor(get(urlPathEqualTo("/units")).withQueryParam("page", equalTo(Integer.toString(number)))
                .willReturn(okJson(page("", units))));
    }

    static String page(String more, String... units) {
        return "{\"items\": [" + String.join(",", units) + "]" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    static String unit(int n, String updatedAt) {
        return "{\"id\": " + (100 + n) + ", \"code\": \"U" + n + "\", \"name\": \"Unit " + n + "\", \"updated_at\": \""
                + updatedAt + "\"}";
    }

    List<LoggedRequest> unitRequests() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/units")));
    }

    Optional<String> checkpoint() {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(SOURCE);
    }

    void awaitCheckpoint(String instant) {
        await().atMost(WAIT).until(() -> checkpoint().equals(Optional.of("instant " + instant)));
    }
}
