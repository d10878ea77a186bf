package com.ciopulse.segmentsync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.CheckpointStore;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example configurations of config/examples/, as a user copies them, against WireMock stubs shaped like the
 * helpdesks' documented answers (src/test/resources/wiremock/). Only the host and the poll delay are changed.
 */
class HelpdeskExamplesTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Pattern TEMPLATE_KEY = Pattern.compile("camel\\.route-template\\[([^\\]]+)\\]\\.(.+)");

    @TempDir
    Path tempDir;

    WireMockServer api;
    SyncHarness sync;

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        if (api != null) {
            api.stop();
        }
    }

    @Test
    void zendeskOrganizationsAreReadIncrementallyFromTheStoredStartTime() throws Exception {
        start("zendesk", "sync.rest.zendesk-organizations.secret", "zendesk-token-for-tests");

        addExample("zendesk-organizations.properties", "https://example.zendesk.com");

        await().atMost(WAIT).until(() -> checkpoint("zendesk-organizations").equals(Optional.of("instant 2026-03-01T10:10:00Z")));
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("360001122301", "SYD", "Sydney Service Desk"),
                SandboxSegment.active("360001122302", "AKL", "Auckland Field Support"),
                new SandboxSegment("360001122303", "SUV", "Suva Office", "n"));
        // the next polls start at the watermark; Suva, read again as it was handed over, is not sent again
        await().atMost(WAIT).until(() -> startTimes().stream().filter("1772359800"::equals).count() >= 2);
        assertThat(startTimes()).startsWith("0", "1772359500");
        assertThat(sync.sandbox.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(3);
        assertThat(sync.beans.syncRuns().recent(10)).hasSize(1);
    }

    @Test
    void freshdeskCompaniesAreReadByFollowingTheLinkHeader() throws Exception {
        start("freshdesk", "sync.rest.freshdesk-companies.secret", "freshdesk-key-for-tests:X");

        addExample("freshdesk-companies.properties", "https://example.freshdesk.com", Map.of("pageSize", "2"));

        await().atMost(WAIT).until(() -> sync.sandbox.segments().size() == 3);
        assertThat(sync.sandbox.segments()).containsExactlyInAnyOrder(
                SandboxSegment.active("51000012001", "PER", "Perth Operations"),
                SandboxSegment.active("51000012002", "BNE", "Brisbane Contact Centre"),
                SandboxSegment.active("51000012003", "DRW", "Darwin Depot"));
        await().atMost(WAIT).until(() -> checkpoint("freshdesk-companies").equals(Optional.of("instant 2026-03-01T09:30:00Z")));
        List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathEqualTo("/api/v2/companies")));
        assertThat(requests).extracting(LoggedRequest::getUrl)
                .startsWith("/api/v2/companies?per_page=2", "/api/v2/companies?per_page=2&page=2");
        // every poll reads every page (the list has no updated-since filter); what did not change is not sent again
        await().atMost(WAIT).until(() -> api.findAll(getRequestedFor(urlPathEqualTo("/api/v2/companies"))).size() >= 6);
        assertThat(sync.sandbox.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(3);
        assertThat(sync.beans.syncRuns().recent(10)).hasSize(1);
    }

    void start(String stubs, String secretSetting, String secret) throws Exception {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderClasspath("wiremock/" + stubs));
        api.start();
        Properties settings = new Properties();
        settings.setProperty(secretSetting, secret);
        sync = SyncHarness.start(tempDir, settings);
    }

    void addExample(String file, String realBaseUrl) throws Exception {
        addExample(file, realBaseUrl, Map.of());
    }

    /** Instantiates the template as Camel Main would from the example's lines, on the stub and polling every 300 ms. */
    void addExample(String file, String realBaseUrl, Map<String, String> overrides) throws Exception {
        Properties example = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/examples", file))) {
            example.load(reader);
        }
        String routeId = null;
        TemplatedRouteBuilder route = null;
        for (String key : example.stringPropertyNames()) {
            Matcher parameter = TEMPLATE_KEY.matcher(key);
            assertThat(parameter.matches()).as(key).isTrue();
            if (route == null) {
                routeId = parameter.group(1);
                route = TemplatedRouteBuilder.builder(sync.context,
                        example.getProperty("camel.route-template[" + routeId + "].template-id")).routeId(routeId);
            }
            if (!parameter.group(2).equals("template-id")) {
                route.parameter(parameter.group(2), example.getProperty(key).replace(realBaseUrl, api.baseUrl()));
            }
        }
        route.parameter("delay", "300");
        overrides.forEach(route::parameter);
        route.add();
    }

    List<String> startTimes() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/api/v2/incremental/organizations"))).stream()
                .map(r -> r.queryParameter("start_time").firstValue()).toList();
    }

    Optional<String> checkpoint(String source) {
        return sync.context.getRegistry().lookupByNameAndType("checkpointStore", CheckpointStore.class).find(source);
    }
}
