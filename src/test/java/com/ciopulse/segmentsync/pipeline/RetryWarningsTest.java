package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WARN line of each failed call of the Segments API, over real HTTP against the sandbox's injected faults. */
class RetryWarningsTest {

    static final Pattern HELD_BACK = Pattern.compile("WARN Segments API: (\\d+) more failed calls in the last 2 s were"
            + " not logged one by one \\(at most 3 lines per 2 s; the metric segment.sync.api.retries counts every retry\\)");

    @TempDir
    Path dataDir;
    SyncHarness sync;

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
    }

    @Test
    void aHangLongerThanTheResponseTimeoutLogsOneWarnPerTimedOutAttempt() throws Exception {
        sync = SyncHarness.start(dataDir, settings(Map.of("sync.segments-api.response-timeout-ms", "300",
                "sync.segments-api.retry.max-attempts", "3")));
        try (LogCapture log = LogCapture.of(RetryWarnings.class)) {
            sync.sandbox.faults().hangNext(2);
            assertThat(sync.sync(upsert("BU-1", "ONE", "One", null)).outcome()).isEqualTo(Outcome.CREATED);

            sync.sandbox.faults().hangNext(3);
            assertThat(sync.sync(upsert("BU-2", "TWO", "Two", null)).outcome()).isEqualTo(Outcome.FAILED);

            // the answered calls (BU-1's third attempt) log nothing
            assertThat(log.lines()).containsExactly(
                    "WARN Segments API: PUT of system_id 'BU-1' timed out: no answer within 300 ms (response timeout),"
                            + " attempt 1 of 3; retrying in 10 ms",
                    "WARN Segments API: PUT of system_id 'BU-1' timed out: no answer within 300 ms (response timeout),"
                            + " attempt 2 of 3; retrying in 20 ms",
                    "WARN Segments API: PUT of system_id 'BU-2' timed out: no answer within 300 ms (response timeout),"
                            + " attempt 1 of 3; retrying in 10 ms",
                    "WARN Segments API: PUT of system_id 'BU-2' timed out: no answer within 300 ms (response timeout),"
                            + " attempt 2 of 3; retrying in 20 ms",
                    "WARN Segments API: PUT of system_id 'BU-2' timed out: no answer within 300 ms (response timeout),"
                            + " attempt 3 of 3; gave up after 3 attempts");
        }
    }

    @Test
    void aLostConnectionA503AndA429SayWhatHappened() throws Exception {
        sync = SyncHarness.start(dataDir, settings(Map.of()));
        try (LogCapture log = LogCapture.of(RetryWarnings.class)) {
            sync.sandbox.faults().dropNext(1).failNext(1, 503).failNext(1, 429, 0);

            assertThat(sync.sync(upsert("BU-3", "THREE", "Three", null)).outcome()).isEqualTo(Outcome.CREATED);

            assertThat(log.lines()).hasSize(3);
            assertThat(log.lines().get(0)).startsWith("WARN Segments API: PUT of system_id 'BU-3' lost its connection"
                    + " without an answer (NoHttpResponseException").endsWith(", attempt 1 of 4; retrying in 10 ms");
            assertThat(log.lines().get(1)).isEqualTo("WARN Segments API: PUT of system_id 'BU-3' answered HTTP 503"
                    + " (Sandbox injected failure (HTTP 503)), attempt 2 of 4; retrying in 20 ms");
            assertThat(log.lines().get(2)).isEqualTo("WARN Segments API: PUT of system_id 'BU-3' answered HTTP 429"
                    + " (Sandbox injected failure (HTTP 429)), throttled, not counted as an attempt; retrying in 0 ms"
                    + " (Retry-After)");
        }
    }

    @Test
    void aRefusedConnectionSaysItCouldNotConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        sync = SyncHarness.start(dataDir, settings(Map.of("sync.segments-api.base-url", "http://127.0.0.1:" + closedPort,
                "sync.segments-api.retry.max-attempts", "2")));
        try (LogCapture log = LogCapture.of(RetryWarnings.class)) {
            assertThat(sync.sync(upsert("BU-4", "FOUR", "Four", null)).outcome()).isEqualTo(Outcome.FAILED);

            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .startsWith("WARN Segments API: PUT of system_id 'BU-4' could not connect (HttpHostConnectException:")
                    .contains("Connection refused"));
            assertThat(log.lines().get(1)).endsWith("attempt 2 of 2; gave up after 2 attempts");
        }
    }

    @Test
    void aStormOfFailuresLogsAtMostTheLimitPerIntervalAndCountsTheRest() throws Exception {
        sync = SyncHarness.start(dataDir, settings(Map.of("sync.segments-api.retry.max-attempts", "25",
                "sync.segments-api.retry.max-delay-ms", "10",
                "sync.segments-api.retry.warn-max-lines", "3",
                "sync.segments-api.retry.warn-interval-seconds", "2")));
        try (LogCapture log = LogCapture.of(RetryWarnings.class)) {
            sync.sandbox.faults().dropNext(20);

            assertThat(sync.sync(upsert("BU-5", "FIVE", "Five", null)).outcome()).isEqualTo(Outcome.CREATED);

            // every failed call is a line of its own or counted in a line at the end of its interval
            await().atMost(Duration.ofSeconds(10)).until(() -> oneByOne(log.lines()).size() + heldBack(log.lines()) == 20);
            List<String> lines = log.lines();
            assertThat(oneByOne(lines)).hasSizeLessThan(20)
                    .allSatisfy(line -> assertThat(line).contains("system_id 'BU-5' lost its connection"));
            // the first interval (2 s) held more than three of the failed calls (some 10 ms each): three lines, then the count
            assertThat(lines).hasSizeGreaterThan(3);
            assertThat(lines.subList(0, 3)).allSatisfy(line -> assertThat(line).doesNotContainPattern(HELD_BACK));
            assertThat(lines.get(3)).matches(HELD_BACK);
        }
    }

    private static List<String> oneByOne(List<String> lines) {
        return lines.stream().filter(line -> !HELD_BACK.matcher(line).matches()).toList();
    }

    private static long heldBack(List<String> lines) {
        return lines.stream().map(HELD_BACK::matcher).filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    private static Properties settings(Map<String, String> values) {
        Properties settings = new Properties();
        settings.putAll(values);
        return settings;
    }
}
