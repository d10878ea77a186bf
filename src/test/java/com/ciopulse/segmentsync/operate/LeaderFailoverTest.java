package com.ciopulse.segmentsync.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.PostgresTestDatabase;
import com.ciopulse.segmentsync.testsupport.RunnerProcess;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runner JVMs share the state store (PostgreSQL) and a lock folder, and sync one drop folder into one
 * sandbox (in this JVM). The leader is killed with {@code kill -9} in the middle of a file: the other instance
 * takes the source over and syncs the whole file, and no record was ever sent by both at the same time.
 *
 * <p>Who sent what is read from the sandbox's journal: each instance names itself in its User-Agent, and the
 * journal keeps requests in the order they arrived. Takes about 30 s (two JVM starts and the failover).
 */
class LeaderFailoverTest {

    private static final int RECORDS = 300;
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
    private static final String RUNNING = "segment_sync_source_running{source=\"file-drop\"} ";

    @TempDir
    Path work;
    SegmentsSandbox sandbox;
    PostgresTestDatabase database;
    final List<RunnerProcess> runners = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = PostgresTestDatabase.createFreshSchema();
        sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        // slow enough that the file is still being synced when the leader dies
        sandbox.faults().latency(Duration.ofMillis(40));
        Files.createDirectories(work.resolve("drop"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (RunnerProcess runner : runners) {
                runner.close();
            }
        } finally {
            sandbox.close();
            database.close();
        }
    }

    @Test
    void theOtherInstanceTakesOverAKilledLeadersSourceAndEveryRecordArrives() throws Exception {
        RunnerProcess first = runner("instance-a");
        await("instance-a leads file-drop").atMost(Duration.ofSeconds(60)).until(() -> leads(first));
        RunnerProcess second = runner("instance-b");
        await("instance-b started").atMost(Duration.ofSeconds(60)).until(() -> second.fullLog().contains(" started in "));
        assertThat(leads(second)).as("only one instance leads a source").isFalse();
        // what a monitor sees: both ready, the source running on the leader only
        assertThat(management(second, "/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(management(first, "/observe/metrics").body()).contains(RUNNING + "1.0");
        assertThat(management(second, "/observe/metrics").body()).contains(RUNNING + "0.0");

        new DropFolder(work.resolve("drop")).write("units.csv", csv());
        await("instance-a in the middle of the file").atMost(Duration.ofSeconds(30))
                .until(() -> putsBy("instance-a").size() >= RECORDS / 5);
        first.kill();
        long killedAt = System.nanoTime();
        int sentByTheKilledLeader = putsBy("instance-a").size();
        assertThat(sentByTheKilledLeader).as("killed before the end of the file").isLessThan(RECORDS);

        await("instance-b takes over").atMost(TAKEOVER_LIMIT).until(() -> !putsBy("instance-b").isEmpty());
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        await("the file done").atMost(Duration.ofSeconds(60))
                .until(() -> new DropFolder(work.resolve("drop")).done().size() == 1);

        assertThat(sandbox.segments()).as("every record ends in CIOPulse").hasSize(RECORDS)
                .allSatisfy(segment -> assertThat(segment.segmentName()).isEqualTo("Unit " + segment.systemId()));
        assertThat(putsBy("instance-a")).as("nothing from the killed leader after its death")
                .hasSize(sentByTheKilledLeader);
        // arrival order: every request of the new leader came after the last one of the old leader
        List<String> senders = sandbox.requests().stream().filter(r -> r.method().equals("PUT"))
                .map(LeaderFailoverTest::sender).toList();
        assertThat(senders.lastIndexOf("instance-a")).isLessThan(senders.indexOf("instance-b"));
        assertThat(takeover).isLessThan(TAKEOVER_LIMIT);
        System.out.printf("takeover after %d ms; %d PUTs by the killed leader, %d by the new one%n",
                takeover.toMillis(), sentByTheKilledLeader, putsBy("instance-b").size());
    }

    private RunnerProcess runner(String name) throws Exception {
        Map<String, String> settings = RunnerSettings.against(sandbox, work.resolve("drop"));
        settings.put("sync.instance-id", name);
        settings.put("sync.segments-api.max-in-flight", "2");
        settings.put("sync.state.jdbc-url", database.jdbcUrl());
        settings.put("sync.state.user", database.user());
        settings.put("sync.cluster.service", "file");
        settings.put("sync.cluster.file.root", work.resolve("locks").toString());
        settings.put("sync.cluster.file.acquire-lock-interval-ms", "1000");
        RunnerProcess runner = RunnerProcess.start(name, settings, work);
        runners.add(runner);
        return runner;
    }

    private static HttpResponse<String> management(RunnerProcess runner, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + runner.setting("camel.management.port") + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean leads(RunnerProcess runner) {
        return runner.fullLog().contains("Started file-drop (");
    }

    private List<RecordedRequest> putsBy(String instance) {
        return sandbox.requests().stream()
                .filter(request -> request.method().equals("PUT") && instance.equals(sender(request))).toList();
    }

    /** The instance named in the User-Agent, e.g. {@code ciopulse-segment-sync (instance-a)}. */
    private static String sender(RecordedRequest request) {
        String agent = request.header("User-Agent").orElse("");
        int open = agent.indexOf('(');
        return open < 0 ? "" : agent.substring(open + 1, agent.indexOf(')', open));
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("system_id,segment_code,segment_name\n");
        IntStream.rangeClosed(1, RECORDS).forEach(i -> csv.append("BU-").append(i).append(",C").append(i)
                .append(",Unit BU-").append(i).append('\n'));
        return csv.toString();
    }
}
