package com.ciopulse.segmentsync.source.salesforce;

import static com.ciopulse.segmentsync.source.salesforce.FakeSalesforce.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.ciopulse.segmentsync.testsupport.ThisHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a Salesforce source logs in: both OAuth flows, secrets from the settings or a secrets file, shown nowhere. */
class SalesforceLoginTest extends LocalSalesforceTest {

    static final String SOURCE = "sf-regions";
    static final String CLIENT_SECRET = "Cl13nt-S3cret-0f-the-App";
    static final String PASSWORD = "Pa55w0rd-0f-the-User";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tempDir;

    @BeforeEach
    void startSalesforce() {
        salesforce = FakeSalesforce.start();
        salesforce.answerQueries(account("a01A", "NORTH", "North", 10, false));
    }


    @Test
    void thePasswordFlowUsesTheSecretSettingsAndNeverLogsThem() throws Exception {
        try (LogCapture log = LogCapture.everythingAtDebug()) {
            sync = SyncHarness.start(tempDir, settings(Map.of(
                    "sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET,
                    "sync.salesforce." + SOURCE + ".password", PASSWORD)));
            addSource(Map.of());

            await().atMost(WAIT).until(() -> sync.sandbox.segment("a01A").isPresent());
            sync.close();
            sync = null;

            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(CLIENT_SECRET) || line.contains(PASSWORD));
        }
        assertThat(FakeSalesforce.form(salesforce.logins().get(0)))
                .contains("grant_type=password", "client_secret=" + CLIENT_SECRET, "password=" + PASSWORD);
    }

    @Test
    void theClientCredentialsFlowReadsItsSecretFromTheSecretsFile() throws Exception {
        Path secrets = Files.writeString(tempDir.resolve("salesforce.properties"), "client-secret = " + CLIENT_SECRET + "\n");
        sync = SyncHarness.start(tempDir, new Properties());

        addSource(Map.of("authFlow", "client-credentials", "userName", "-", "secretsFile", secrets.toString()));

        await().atMost(WAIT).until(() -> sync.sandbox.segment("a01A").isPresent());
        String login = FakeSalesforce.form(salesforce.logins().get(0));
        assertThat(login).contains("grant_type=client_credentials", "client_id=3MVG9-test-client",
                "client_secret=" + CLIENT_SECRET).doesNotContain("username", "password");
    }

    @Test
    void aMissingSecretFailsThePollAndSaysWhereToSetIt() throws Exception {
        try (LogCapture log = LogCapture.of(com.ciopulse.segmentsync.source.PollBackoff.class)) {
            sync = SyncHarness.start(tempDir, new Properties());
            addSource(Map.of());

            await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(line -> line.contains(
                    "Salesforce source '" + SOURCE + "' has no client-secret: set sync.salesforce." + SOURCE
                            + ".client-secret (env SYNC_SALESFORCE_SF_REGIONS_CLIENT_SECRET) or the parameter secretsFile")));
        }
        assertThat(salesforce.logins()).isEmpty();
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    @Test
    void aRefusedLoginFailsThePollWithoutTheSecret() throws Exception {
        salesforce.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeSalesforce.TOKEN))
                .willReturn(FakeSalesforce.json(400, """
                        {"error":"invalid_grant","error_description":"authentication failure"}""")));
        try (LogCapture log = LogCapture.everythingAtDebug()) {
            sync = SyncHarness.start(tempDir, settings(Map.of(
                    "sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET,
                    "sync.salesforce." + SOURCE + ".password", PASSWORD)));
            addSource(Map.of());

            await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(line -> line.startsWith("WARN Source '"
                    + SOURCE + "' failed to poll") && line.contains("could not log in as user integration@example.com")
                    && line.contains("authentication failure")));
            assertThat(log.lines()).noneMatch(line -> line.contains(CLIENT_SECRET) || line.contains(PASSWORD));
        }
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    @Test
    void aPlainHttpLoginUrlToAnotherHostIsRefusedAtStartAndNothingIsSent() throws Exception {
        String loginUrl = loginUrlOnAnotherAddress();
        sync = SyncHarness.start(tempDir, settings(Map.of(
                "sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET,
                "sync.salesforce." + SOURCE + ".password", PASSWORD)));

        assertThatThrownBy(() -> addSource(Map.of("loginUrl", loginUrl)))
                .hasStackTraceContaining("Salesforce source on Region__c: loginUrl '" + loginUrl + "' is plain http to"
                        + " another host: the client secret, password and security token would cross the network"
                        + " unencrypted. Use https, or set the parameter allowPlainHttp=true of this source");
        // the subscription source checks its login the same way
        assertThatThrownBy(() -> TemplatedRouteBuilder.builder(sync.context, "salesforce-cdc-source").routeId(SOURCE + "-cdc")
                .parameter("sObjectName", "Region__c").parameter("segmentCodeField", "AccountNumber")
                .parameter("loginUrl", loginUrl).parameter("clientId", "3MVG9-test-client")
                .parameter("authFlow", "client-credentials").add())
                .hasStackTraceContaining("loginUrl '" + loginUrl + "' is plain http to another host: the client secret"
                        + " would cross the network unencrypted");

        assertThat(sync.context.getRoutes()).extracting(route -> route.getRouteId()).doesNotContain(SOURCE, SOURCE + "-cdc");
        assertThat(salesforce.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void allowPlainHttpLetsTheLoginGoToAnotherHost() throws Exception {
        String loginUrl = loginUrlOnAnotherAddress();
        sync = SyncHarness.start(tempDir, settings(Map.of(
                "sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET,
                "sync.salesforce." + SOURCE + ".password", PASSWORD)));

        addSource(Map.of("loginUrl", loginUrl, "allowPlainHttp", "true"));

        await().atMost(WAIT).until(() -> sync.sandbox.segment("a01A").isPresent());
        assertThat(salesforce.logins()).first().satisfies(login ->
                assertThat(login.getAbsoluteUrl()).startsWith(loginUrl + FakeSalesforce.TOKEN));
    }

    /**
     * A plain http login URL to this machine's non-loopback address, where the local Salesforce listens too: what
     * the loopback rule would let through reaches it, so a refusal is seen to send nothing.
     */
    private String loginUrlOnAnotherAddress() {
        String address = ThisHost.nonLoopbackAddress().orElse(null);
        assumeTrue(address != null, "this machine has no non-loopback address to listen on");
        salesforce.close();
        salesforce = FakeSalesforce.start("0.0.0.0");
        salesforce.answerQueries(account("a01A", "NORTH", "North", 10, false));
        return "http://" + address + ":" + salesforce.server.port();
    }

    private static Properties settings(Map<String, String> values) {
        Properties settings = new Properties();
        settings.putAll(values);
        return settings;
    }

    private void addSource(Map<String, String> overrides) throws Exception {
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(sync.context, "salesforce-query-source").routeId(SOURCE)
                .parameter("sObjectName", "Region__c")
                .parameter("systemIdField", "Id")
                .parameter("segmentCodeField", "AccountNumber")
                .parameter("loginUrl", salesforce.loginUrl())
                .parameter("clientId", "3MVG9-test-client")
                .parameter("userName", "integration@example.com")
                .parameter("delay", "100");
        overrides.forEach(route::parameter);
        route.add();
    }
}
