package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ciopulse.segmentsync.source.salesforce.FakeSalesforce;
import com.ciopulse.segmentsync.state.StateStore;
import com.ciopulse.segmentsync.state.StateStoreSettings;
import com.ciopulse.segmentsync.state.SyncRun;
import com.ciopulse.segmentsync.state.SyncRunStore;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner JVM under faults that could pass for all being well: {@code --once} ending in exit 0 with input left
 * unsynced, or never ending; readiness UP while a source could not be read. Its exit code, its report, the time a
 * run takes and its readiness must tell the truth about every source.
 */
class RunnerWordTest extends FaultRunTest {

    static final String SOURCE = "sf-regions";
    static final String CLIENT_SECRET = "test-client-secret-1234";
    static final String PASSWORD = "test-password-5678";
    /** The attempts (3) of a source polled every 500 ms, with its backoff, take seconds; a hang takes forever. */
    static final Duration EXITS_WITHIN = Duration.ofSeconds(90);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSalesforceSourceWhoseLoginIsRefusedIsNotReadAndTheRunExitsTwo() throws Exception {
        try (FakeSalesforce salesforce = FakeSalesforce.start()) {
            refuseLogins(salesforce);
            Map<String, String> settings = salesforceSource(salesforce);
            withSecrets(settings);

            Finished once = runOnce("login-refused", settings);

            assertThat(once.exit).as(once.log).isEqualTo(2);
            assertThat(once.log).containsPattern(SOURCE + " +not read: .*could not log in as user "
                    + "integration@example.com.*authentication failure")
                    .contains("Exit 2: not read: " + SOURCE)
                    .doesNotContain("No records were pending", CLIENT_SECRET, PASSWORD);
            assertThat(salesforce.logins()).as("one login per attempt").hasSize(3);
        }
    }

    @Test
    void aSalesforceSourceWithoutItsClientSecretIsNotReadAndTheRunExitsTwo() throws Exception {
        try (FakeSalesforce salesforce = FakeSalesforce.start()) {
            Finished once = runOnce("secret-missing", salesforceSource(salesforce));

            assertThat(once.exit).as(once.log).isEqualTo(2);
            assertThat(once.log).containsPattern(SOURCE + " +not read: Salesforce source '" + SOURCE
                    + "' has no client-secret");
            assertThat(salesforce.logins()).isEmpty();
        }
    }

    @Test
    void aJdbcSourceWhoseDatabaseDoesNotExistEndsTheRunWithinItsAttempts() throws Exception {
        String missingDatabase;
        String user;
        try (PostgresTestDatabase server = PostgresTestDatabase.createFreshSchema()) {
            missingDatabase = server.jdbcUrl().replaceFirst("/[^/?]+\\?.*$", "/segment_sync_missing_" + server.schema());
            user = server.user();
        }
        Map<String, String> settings = settings();
        settings.put("camel.route-template[erp-units].template-id", "jdbc-source");
        settings.put("camel.route-template[erp-units].jdbcUrl", missingDatabase);
        settings.put("camel.route-template[erp-units].user", user);
        settings.put("camel.route-template[erp-units].table", "business_units");
        settings.put("camel.route-template[erp-units].delay", "500");
        settings.put("camel.route-template[erp-units].connectionTimeout", "2000");

        Finished once = runOnce("database-missing", settings);

        assertThat(once.exit).as(once.log).isEqualTo(2);
        assertThat(once.log).containsPattern("erp-units +not read: JDBC source 'erp-units' could not read business_units at .*"
                + "segment_sync_missing_.*does not exist");
        assertThat(once.log).contains("file-drop                read to the end, nothing pending");
    }

    @Test
    void aWrongKeyCostsOneRequestAndOneHaltedLine() throws Exception {
        run.faults().rejectCredentials(true);
        run.dropFile();

        Finished once = runOnce("wrong-key", settings());

        assertThat(once.exit).as(once.log).isEqualTo(2);
        assertThat(run.sandbox.requestCount()).as("requests the sandbox received").isEqualTo(1);
        assertThat(once.log).contains("HALTED: the Segments API refused the credentials (401)")
                .doesNotContainPattern("(?m)^  - halted ");
        run.assertNothingAcknowledged();
    }

    @Test
    void aDropFolderThatIsNoFolderIsNotReadAndTheRunExitsTwo() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("drop-file"), "a file where the folder should be");
        Map<String, String> settings = settings();
        settings.put("sync.file.directory", notAFolder.toString());

        Finished once = runOnce("drop-not-a-folder", settings);

        assertThat(once.exit).as(once.log).isEqualTo(2);
        assertThat(once.log).containsPattern("file-drop +not read: the drop folder .*drop-file is not a readable folder");
    }

    @Test
    void anOpenCircuitAtTheStartIsWaitedOutAndEveryRowIsSynced() throws Exception {
        run.faults().failNext(20, 503);
        run.dropFile();
        Map<String, String> settings = settings();
        settings.put("sync.segments-api.circuit-breaker.open-seconds", "2");

        Finished once = runOnce("circuit-open", settings);

        assertThat(once.exit).as(once.log).isZero();
        assertThat(once.log).contains("sources suspended").containsPattern("file-drop +created " + SourceFile.RECORDS);
        assertThat(run.sandbox.segments()).hasSize(SourceFile.RECORDS);
        assertThat(run.drop.done()).as("the file is acknowledged").isNotEmpty();
    }

    @Test
    void anApiThatKeepsFailingCutsTheRunShortWithExitOneAndTheFileStaysPending() throws Exception {
        run.faults().failNext(100_000, 503);
        run.dropFile();
        Map<String, String> settings = settings();
        settings.put("sync.segments-api.circuit-breaker.open-seconds", "1");
        settings.put("sync.segments-api.retry.max-attempts", "2");
        settings.put("sync.segments-api.retry.initial-delay-ms", "50");

        Finished once = runOnce("api-failing", settings);

        assertThat(once.exit).as(once.log).isEqualTo(1);
        assertThat(once.log).containsPattern("file-drop +.*cut short: .*circuit open")
                .containsPattern("Exit 1: .*input pending in file-drop");
        run.assertNothingAcknowledged();
    }

    @Test
    void aStateStoreThatStopsTakingWritesMidFileCutsTheRunShortWithExitOne() throws Exception {
        run.faults().latency(Duration.ofMillis(2));
        run.dropFile();
        Path data = work.resolve("data");
        Map<String, String> settings = settings();
        // each poll waits this long for the store before it counts as cut short
        settings.put("sync.state.connection-timeout-ms", "1000");
        Path databaseFile = data.resolve(StateStoreSettings.H2_DATABASE_NAME + ".mv.db");
        try (RunnerProcess once = RunnerProcess.start("store-refuses-writes", settings, work, "--once")) {
            run.awaitCalls(300);
            assumeTrue(chattr("+i", databaseFile), "chattr +i (an immutable file) is not available here: "
                    + "the state store's write failure cannot be made");
            try {
                int exit = once.awaitExit(EXITS_WITHIN);
                String log = once.log();
                assertThat(exit).as(log).isEqualTo(1);
                assertThat(log).containsPattern("file-drop +.*cut short: the state store does not answer");
                run.assertNothingAcknowledged();
            } finally {
                chattr("-i", databaseFile);
            }
        }
    }

    @Test
    void aContinuousRunnerIsNotReadyWhileASourceCannotLogInAndReadyOnceItReads() throws Exception {
        try (FakeSalesforce salesforce = FakeSalesforce.start()) {
            refuseLogins(salesforce);
            Map<String, String> settings = salesforceSource(salesforce);
            settings.put("camel.route-template[" + SOURCE + "].maxBackoffDelay", "1000");
            withSecrets(settings);
            try (RunnerProcess runner = RunnerProcess.start("readiness", settings, work)) {
                String port = settings.get("camel.management.port");
                await().atMost(EXITS_WITHIN).ignoreExceptions().until(() -> ready(port).statusCode() == 503);
                assertThat(ready(port).body()).contains("source '" + SOURCE + "' not read")
                        .contains("authentication failure").doesNotContain(CLIENT_SECRET, PASSWORD);

                salesforce.grantTokens("token-1");
                salesforce.answerQueries(FakeSalesforce.account("001A", "RG-1", "Region One", 1, false));

                await().atMost(EXITS_WITHIN).until(() -> ready(port).statusCode() == 200);
                assertThat(run.sandbox.segments()).hasSize(1);
                assertThat(runner.isAlive()).isTrue();
            }
        }
    }

    private static HttpResponse<String> ready(String port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aOnceRunStoppedBySigtermSaysSoInItsReportAndItsRunHistory() throws Exception {
        run.faults().latency(Duration.ofMillis(2));
        run.dropFile();
        Map<String, String> settings = settings();
        try (RunnerProcess once = RunnerProcess.start("once-sigterm", settings, work, "--once")) {
            run.awaitCalls(300);
            once.signalTerm();
            int exit = once.awaitExit(EXITS_WITHIN);
            String log = once.log();

            assertThat(exit).as(log).isEqualTo(143);
            assertThat(log).contains("INTERRUPTED: the run was stopped before every source was read to the end")
                    .containsPattern("file-drop +created \\d+; cut short: ")
                    .containsPattern("Exit 1: the run was stopped before its end");
        }
        run.assertNothingAcknowledged();
        try (StateStore store = StateStore.open(StateStoreSettings.h2FileIn(work.resolve("data")))) {
            List<SyncRun> runs = new SyncRunStore(store.dataSource()).recent(10);
            assertThat(runs).filteredOn(past -> past.mode().equals("once")).singleElement()
                    .satisfies(past -> assertThat(past.status()).isEqualTo("interrupted"))
                    .satisfies(past -> assertThat(past.outcomeCounts().get("created")).isPositive());
            assertThat(runs).as("no run is left unfinished").allMatch(SyncRun::isFinished);
        }
    }

    private static void refuseLogins(FakeSalesforce salesforce) {
        salesforce.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(FakeSalesforce.TOKEN))
                .willReturn(FakeSalesforce.json(400, """
                        {"error":"invalid_grant","error_description":"authentication failure"}""")));
    }

    private static void withSecrets(Map<String, String> settings) {
        settings.put("sync.salesforce." + SOURCE + ".client-secret", CLIENT_SECRET);
        settings.put("sync.salesforce." + SOURCE + ".password", PASSWORD);
    }

    private Map<String, String> salesforceSource(FakeSalesforce salesforce) {
        Map<String, String> settings = settings();
        String template = "camel.route-template[" + SOURCE + "].";
        settings.put(template + "template-id", "salesforce-query-source");
        settings.put(template + "sObjectName", "Region__c");
        settings.put(template + "segmentCodeField", "AccountNumber");
        settings.put(template + "loginUrl", salesforce.loginUrl());
        settings.put(template + "clientId", "3MVG9-test-client");
        settings.put(template + "userName", "integration@example.com");
        settings.put(template + "delay", "500");
        return settings;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = RunnerSettings.against(run.sandbox, run.drop.dir());
        settings.put("sync.state.data-dir", work.resolve("data").toString());
        return settings;
    }

    private Finished runOnce(String name, Map<String, String> settings) throws Exception {
        try (RunnerProcess once = RunnerProcess.start(name, settings, work, "--once")) {
            int exit = once.awaitExit(EXITS_WITHIN);
            return new Finished(exit, once.log());
        }
    }

    private static boolean chattr(String change, Path file) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            return false;
        }
        Process chattr = new ProcessBuilder("chattr", change, file.toString()).redirectErrorStream(true).start();
        return chattr.waitFor() == 0;
    }

    record Finished(int exit, String log) {
    }
}
