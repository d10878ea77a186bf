package com.ciopulse.segmentsync.source;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.bundle.SegmentSyncBundle;
import com.ciopulse.segmentsync.runner.SyncRunner;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.AntPathMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/examples/json-url-source.camel.yaml, the recipe for a source written as one YAML route: loaded from a
 * folder outside the jar into a running sync, it reads a JSON URL and its record reaches the Segments API.
 */
class YamlRouteSourceTest {

    static final String EXAMPLE = "routes/examples/json-url-source.camel.yaml";

    @TempDir
    Path tempDir;

    WireMockServer intranet;
    SyncHarness sync;

    @BeforeEach
    void start() throws Exception {
        intranet = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        intranet.start();
        intranet.stubFor(get(urlPathEqualTo("/exports/regions.json")).willReturn(okJson("""
                [{"system_id": "R-APAC", "segment_code": "APAC", "segment_name": "Asia Pacific", "active": "y"}]""")));
        Properties settings = new Properties();
        settings.setProperty("example.regions.url", intranet.baseUrl() + "/exports/regions.json");
        settings.setProperty("example.regions.period", "60000");
        sync = SyncHarness.start(tempDir.resolve("data"), settings);
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        intranet.stop();
    }

    @Test
    void theExampleRouteIsLoadedFromAFolderOutsideTheJarAndSyncsItsRecord() throws Exception {
        Path userRoutes = Files.createDirectories(tempDir.resolve("my-routes"));
        Path route = Files.copy(Path.of(EXAMPLE), userRoutes.resolve("regions.camel.yaml"));

        PluginHelper.getRoutesLoader(sync.context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(sync.context, "file:" + route.toAbsolutePath()));

        await().atMost(Duration.ofSeconds(20)).until(() -> sync.sandbox.segment("R-APAC").isPresent());
        assertThat(sync.sandbox.segments()).containsExactly(SandboxSegment.active("R-APAC", "APAC", "Asia Pacific"));
        assertThat(sync.context.getRoute("regions-json").getGroup()).isEqualTo("segment-sources");
        await().atMost(Duration.ofSeconds(20)).until(() -> !sync.beans.syncRuns().recent(10).isEmpty());
        assertThat(sync.beans.syncRuns().recent(10)).extracting(SyncRun::source).containsExactly("regions-json");
    }

    @Test
    void neitherTheBundleNorTheRunnerLoadsTheExamples() throws Exception {
        assertThat(sync.context.getRoute("regions-json")).isNull();
        // the runner loads the jar's routes, or those of routes/, by Camel Main's include and exclude patterns
        List<String> jarRoutes = locations(SegmentSyncBundle.ROUTES);
        assertThat(jarRoutes).anyMatch(location -> location.endsWith("/examples/json-url-source.camel.yaml"));
        assertThat(jarRoutes).filteredOn(location -> !AntPathMatcher.INSTANCE.anyMatch(
                        SyncRunner.ROUTES_EXCLUDE_PATTERN.split(","), location))
                .isNotEmpty()
                .noneMatch(location -> location.contains("/examples/"));
        assertThat(locations("file:routes/*.camel.yaml")).isNotEmpty().noneMatch(location -> location.contains("/examples/"));
    }

    List<String> locations(String pattern) throws Exception {
        return PluginHelper.getPackageScanResourceResolver(sync.context).findResources(pattern).stream()
                .map(Resource::getLocation).toList();
    }
}
