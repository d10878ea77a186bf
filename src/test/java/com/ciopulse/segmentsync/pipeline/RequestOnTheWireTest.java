package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What exactly goes out: raw bodies and paths as WireMock received them. */
class RequestOnTheWireTest {

    @TempDir
    static Path dataDir;
    static WireMockServer api;
    static SyncHarness sync;

    @BeforeAll
    static void start() throws Exception {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.base-url", api.baseUrl() + "/api/v5");
        settings.setProperty("sync.segments-api.clean", "true");
        sync = SyncHarness.start(dataDir, settings);
    }

    @AfterAll
    static void stop() {
        sync.close();
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The \"Flagship\" Store", "Back\\slash", "Tab\there", "New\nline\r\nend", "O'Brien",
            "Zürich – Süd", "東京", "emoji 🎉", "bell\u0007 and nul\u0000", "  padded   name  "})
    void noBackslashEverReachesTheApi(String name) throws Exception {
        assertThat(sync.sync(upsert("BU-1", "CODE", name, "yes")).outcome()).isEqualTo(Outcome.CREATED);

        LoggedRequest request = onlyRequest();
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("\\");
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.get("segment_name").asText()).doesNotContain("\"", "\t", "\n", "\r", "\u0000").isNotBlank();
        assertThat(json.get("active").asText()).isEqualTo("y");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void nonAsciiIsSentAsRawUtf8() {
        sync.sync(upsert("BU-2", "ZRH", "Zürich Süd 東京 🎉", null));

        byte[] body = onlyRequest().getBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("Zürich Süd 東京 🎉").doesNotContain("\\u");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/b        | /api/v5/segments/a%2Fb&clean",
        "x?y=1      | /api/v5/segments/x%3Fy%3D1&clean",
        "#frag      | /api/v5/segments/%23frag&clean",
        "50%        | /api/v5/segments/50%25&clean",
        "a&clean    | /api/v5/segments/a%26clean&clean",
        "'with space' | /api/v5/segments/with%20space&clean",
        "Zürich     | /api/v5/segments/Z%C3%BCrich&clean",
        "a,b)(c     | /api/v5/segments/a%2Cb%29%28c&clean"})
    void oddSystemIdsAreEncodedAndCleanIsAppended(String systemId, String expectedPath) {
        sync.sync(upsert(systemId, "CODE", "Name", null));

        assertThat(onlyRequest().getUrl()).isEqualTo(expectedPath);
    }

    @Test
    void credentialsGoOutAsPreemptiveBasicAuth() {
        sync.sync(upsert("BU-3", "CODE", "Name", null));

        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (SyncHarness.PORTAL_CODE + ":" + SyncHarness.API_KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(onlyRequest().getHeader("Authorization")).isEqualTo(expected);
    }

    @Test
    void nothingButTheCallItselfTravelsFromOneCallToTheNext() {
        api.resetAll();
        api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withHeader("Set-Cookie", "route=node-7; Path=/")
                .withHeader("Content-Type", "application/json").withBody("{}")));

        sync.sync(upsert("BU-6", "CODE6", "Six", null));
        sync.sync(upsert("BU-7", "CODE7", "Seven", null));

        List<LoggedRequest> requests = api.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(2);
        // stateless: no cookie kept from an answer, no compression negotiated for answers of a few hundred bytes
        assertThat(requests).allSatisfy(request -> assertThat(request.getHeaders().keys())
                .noneMatch(h -> h.equalsIgnoreCase("Cookie") || h.equalsIgnoreCase("Accept-Encoding")));
    }

    @Test
    void aSourcesHeadersNeverLeakIntoTheRequest() {
        sync.template.send("direct:segment-sync", e -> {
            e.getMessage().setBody(upsert("BU-4", "CODE", "Name", null));
            e.getMessage().setHeader("CamelFileName", "secret-export.csv");
            e.getMessage().setHeader("X-Internal", "do-not-send");
        });

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeaders().keys()).noneMatch(h -> h.equalsIgnoreCase("X-Internal")
                || h.toLowerCase().startsWith("camel") || h.equalsIgnoreCase("SegmentSyncSystemId"));
    }

    @Test
    void aRetried503GoesOnTheWireExactlyMaxAttemptsTimes() {
        api.resetAll();
        api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
                .withBody("{\"message\":\"Transaction failed\",\"status\":503}")));

        assertThat(sync.sync(upsert("BU-5", "CODE", "Name", null)).outcome()).isEqualTo(Outcome.FAILED);

        assertThat(api.findAll(anyRequestedFor(anyUrl()))).hasSize(4);
    }

    /**
     * camel-http follows no redirect unless followRedirects is set; this guards that nobody sets it. The record ends
     * rejected (not retried), the second server never hears of it, the credentials went to the configured host only.
     */
    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void aRedirectIsNotFollowedSoTheCredentialsGoNowhereElse(int status) {
        WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        try {
            api.resetAll();
            api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                    .withHeader("Location", elsewhere.baseUrl() + "/api/v5/segments/BU-6")));

            SegmentOutcome outcome = sync.sync(upsert("BU-6", "CODE", "Name", null));

            assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(outcome.message()).startsWith("unexpected HTTP status " + status);
            assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
            assertThat(onlyRequest().getHeader("Authorization")).startsWith("Basic ");
        } finally {
            elsewhere.stop();
        }
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = api.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
