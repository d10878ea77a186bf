package com.ciopulse.segmentsync.faults;

import static com.ciopulse.segmentsync.faults.FaultSettings.JOURNAL_LAG;
import static com.ciopulse.segmentsync.faults.FaultSettings.MAX_ATTEMPTS;
import static com.ciopulse.segmentsync.faults.FaultSettings.MAX_RETRY_DELAY;
import static com.ciopulse.segmentsync.faults.FaultSettings.RESPONSE_TIMEOUT;
import static com.ciopulse.segmentsync.faults.FaultSettings.SCHEDULING_SLACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import com.ciopulse.segmentsync.pipeline.RetryWarnings;
import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.LogCapture;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Segments API misbehaves in the middle of a file of 2,000 records: the bundle in this JVM, its file-drop
 * source on a real folder, the sandbox over real HTTP. Each fault is injected once the sandbox has received a
 * given number of requests, so it lands mid-file.
 */
@FaultSuite
class ApiFaultsTest extends FaultRunTest {

    static final String SOURCE = "file-drop";

    SyncHarness sync;

    @BeforeEach
    void startSync() throws Exception {
        sync = SyncHarness.start(work.resolve("data"), FaultSettings.harness(Map.of()), run.sandbox);
        run.drop.addSource(sync.context, SOURCE);
    }

    @AfterEach
    void stopSync() {
        sync.close();
    }

    @Test
    void burstsOf500s() throws Exception {
        run.dropFile();
        for (int at : new int[] {500, 1000, 1500}) {
            run.awaitCalls(at);
            run.faults().failNext(40, 500);
        }

        FaultRow row = acknowledged("bursts of 500s", "3 bursts of 40 x 500, at calls 500, 1,000, 1,500");

        assertEachFailureRetriedOrDeadLettered(row, request -> request.status() == 500);
        recover(row);
    }

    @Test
    void aHangingApiCostsTheResponseTimeoutPerAttempt() throws Exception {
        FaultRow row;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(RetryWarnings.class)) {
            run.dropFile();
            // fewer hangs at once than calls may be in flight (4): a retry never waits for a slot another hang holds
            for (int at : new int[] {700, 1400}) {
                run.awaitCalls(at);
                run.faults().hangNext(3);
            }

            row = acknowledged("hanging API", "2 x 3 requests never answered (response timeout "
                    + RESPONSE_TIMEOUT.toMillis() + " ms), at calls 700, 1,400");
            warnings = log.lines();
        }

        List<RecordedRequest> journal = run.sandbox.requests();
        List<RecordedRequest> hung = journal.stream().filter(request -> request.status() == 0).toList();
        assertThat(hung).hasSize(6);
        // one WARN per timed-out call, naming its segment and the timeout
        assertThat(warnings).hasSize(6).allSatisfy(line -> assertThat(line).contains(" timed out: no answer within "
                + RESPONSE_TIMEOUT.toMillis() + " ms (response timeout), attempt "));
        assertThat(warnings).extracting(line -> line.substring(line.indexOf('\'') + 1, line.indexOf('\'', line.indexOf('\'') + 1)))
                .containsExactlyInAnyOrderElementsOf(hung.stream().map(ApiFaultsTest::systemIdOf).toList());
        for (RecordedRequest request : hung) {
            RecordedRequest retry = FaultRun.nextAttemptAfter(request, journal).orElseThrow(() ->
                    new AssertionError("no attempt after the hung " + request.rawPath()));
            // the client gave up at its timeout, then waited at most the backoff cap: not minutes
            assertThat(Duration.between(request.arrivedAt(), retry.arrivedAt())).as(request.rawPath())
                    .isBetween(RESPONSE_TIMEOUT.minus(JOURNAL_LAG),
                            RESPONSE_TIMEOUT.plus(MAX_RETRY_DELAY).plus(SCHEDULING_SLACK));
        }
        assertEachFailureRetriedOrDeadLettered(row, request -> request.status() == 0);
        recover(row);
    }

    @Test
    void droppedConnections() throws Exception {
        run.dropFile();
        for (int at : new int[] {600, 1200}) {
            run.awaitCalls(at);
            run.faults().dropNext(10);
        }

        FaultRow row = acknowledged("dropped connections", "2 x 10 connections closed without an answer, at calls"
                + " 600, 1,200");

        assertEachFailureRetriedOrDeadLettered(row, request -> request.status() == 0);
        recover(row);
    }

    @Test
    void rateLimitsAndUnavailabilityWithRetryAfterAreWaitedOut() throws Exception {
        Map<Integer, Duration> retryAfter = Map.of(429, Duration.ofSeconds(1), 503, Duration.ofSeconds(2));
        run.dropFile();
        run.awaitCalls(700);
        run.faults().failNext(4, 429, 1);
        run.awaitCalls(1400);
        run.faults().failNext(4, 503, 2);

        FaultRow row = acknowledged("429/503 with Retry-After", "4 x 429 (Retry-After: 1) at call 700, 4 x 503"
                + " (Retry-After: 2) at call 1,400");

        List<RecordedRequest> journal = run.sandbox.requests();
        List<RecordedRequest> refused = journal.stream().filter(request -> retryAfter.containsKey(request.status()))
                .toList();
        assertThat(refused).hasSize(8);
        for (RecordedRequest request : refused) {
            Duration asked = retryAfter.get(request.status());
            RecordedRequest retry = FaultRun.nextAttemptAfter(request, journal).orElseThrow();
            // Retry-After, not the 10-100 ms backoff, decides the wait
            assertThat(Duration.between(request.arrivedAt(), retry.arrivedAt())).as(request.rawPath())
                    .isBetween(asked, asked.plus(SCHEDULING_SLACK));
        }
        assertThat(row.deadLettered()).as("each record met at most two refusals of its 4 attempts").isZero();
        assertEachFailureRetriedOrDeadLettered(row, request -> retryAfter.containsKey(request.status()));
        recover(row);
    }

    @Test
    void a401MidRunHaltsTheSourceAcknowledgesNothingAndResumesOnceTheKeyIsFixed() throws Exception {
        run.dropFile();
        run.awaitCalls(1000);
        run.faults().rejectCredentials(true);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                sync.context.getRouteController().getRouteStatus(SOURCE) == ServiceStatus.Suspended);
        await().atMost(Duration.ofSeconds(20)).until(() -> sync.beans.credentialGuard().halted());
        // halted: in-flight records end, no record is read further; only the credential probe (a GET) calls
        long putsWhileHalted = run.awaitNoMorePuts(Duration.ofSeconds(3));
        run.assertNothingAcknowledged();
        assertThat(sync.beans.deadLetterStore().countOpen()).as("a halted record is no dead letter").isZero();

        run.faults().rejectCredentials(false);

        FaultRow row = acknowledged("401 from the middle of the run", "every request answered 401 from call 1,000"
                + " until the key was fixed (" + FaultRow.count(putsWhileHalted) + " PUTs by then)");
        recover(row);
    }

    @Test
    void a422Storm() throws Exception {
        run.dropFile();
        run.awaitCalls(1000);
        run.faults().failNext(30, 422);

        FaultRow row = acknowledged("422 storm", "30 requests answered 422 (code taken), at call 1,000");

        List<RecordedRequest> journal = run.sandbox.requests();
        // a 422 is final: no retry; the conflict is dead-lettered with the list looked up to name the holder
        Set<String> refused = journal.stream().filter(r -> r.method().equals("PUT") && r.status() == 422)
                .map(ApiFaultsTest::systemIdOf).collect(Collectors.toSet());
        assertThat(row.deadLettered()).isEqualTo(refused.size()).isPositive();
        assertThat(openDeadLetterIds()).isEqualTo(refused);
        long lookups = journal.stream().filter(r -> r.method().equals("GET")).count();
        assertThat(row.calls()).isEqualTo(SourceFile.RECORDS + lookups);
        recover(row);
    }

    /**
     * Every failed request cost one call more, until a record ran out of attempts: those records, and only those,
     * are the dead letters. No record is accepted twice: when the failures opened the circuit, the file was cut short
     * and read again after the wait; what was accepted by then cost no call, a record that had run out of attempts
     * was sent again, and once accepted closed its dead letter as superseded (a replay would send the same values
     * again, or older ones had the file changed meanwhile). The open dead letters are those never accepted.
     */
    private void assertEachFailureRetriedOrDeadLettered(FaultRow row, Predicate<RecordedRequest> failed) {
        List<RecordedRequest> journal = run.sandbox.requests();
        Map<String, List<RecordedRequest>> bySegment = journal.stream()
                .collect(Collectors.groupingBy(ApiFaultsTest::systemIdOf));
        Set<String> gaveUp = bySegment.entrySet().stream()
                .filter(entry -> entry.getValue().size() >= MAX_ATTEMPTS
                        && entry.getValue().subList(0, MAX_ATTEMPTS).stream().allMatch(failed))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> acceptedLater = gaveUp.stream()
                .filter(id -> bySegment.get(id).stream().anyMatch(request -> !failed.test(request)))
                .collect(Collectors.toSet());
        long neverAccepted = bySegment.values().stream().filter(requests -> requests.stream().allMatch(failed)).count();
        long failures = journal.stream().filter(failed).count();
        assertThat(openDeadLetterIds()).isEqualTo(gaveUp.stream().filter(id -> !acceptedLater.contains(id))
                .collect(Collectors.toSet()));
        assertThat(sync.beans.deadLetterStore().list(true)).filteredOn(DeadLetter::isSuperseded)
                .extracting(DeadLetter::systemId).containsExactlyInAnyOrderElementsOf(acceptedLater);
        assertThat(row.calls()).as("calls: one per record accepted, one more per failure, none after the last attempt")
                .isEqualTo(SourceFile.RECORDS - neverAccepted + failures);
    }

    private FaultRow acknowledged(String fault, String injected) {
        run.awaitAcknowledged();
        return run.account(fault, injected, sync.beans.deadLetterStore().list(false));
    }

    private void recover(FaultRow row) {
        run.recover(row, Map.of("sync.state.data-dir", work.resolve("data").toString()),
                () -> sync.beans.deadLetterStore().countOpen());
    }

    private Set<String> openDeadLetterIds() {
        return sync.beans.deadLetterStore().list(false).stream().map(letter -> letter.systemId())
                .collect(Collectors.toSet());
    }

    private static String systemIdOf(RecordedRequest request) {
        return request.rawPath().substring(request.rawPath().lastIndexOf('/') + 1);
    }
}
