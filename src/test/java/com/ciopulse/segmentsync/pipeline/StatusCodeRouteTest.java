package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.delete;
import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.sandbox.SandboxSegment;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the status-code table, over real HTTP against the sandbox. */
class StatusCodeRouteTest extends OneSyncPerClass {

    @BeforeEach
    void cleanSandbox() {
        sync.sandbox.reset();
    }

    @Test
    void createdThenUpdatedKeepsOmittedFields() {
        assertThat(sync.sync(upsert("BU-1", "AUS", "Australia", null)).outcome()).isEqualTo(Outcome.CREATED);
        SegmentOutcome updated = sync.sync(upsert("BU-1", null, "Australia & New Zealand", null));

        assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(sync.sandbox.segment("BU-1")).contains(new SandboxSegment("BU-1", "AUS", "Australia & New Zealand", "y"));
        assertThat(sync.sandbox.requests()).extracting(r -> r.body())
                .containsExactly("{\"segment_code\":\"AUS\",\"segment_name\":\"Australia\"}",
                        "{\"segment_name\":\"Australia & New Zealand\"}");
    }

    @Test
    void deleteAnswers202AndAMissingSegmentCountsAsDeleted() {
        sync.sync(upsert("BU-2", "NZ", "New Zealand", "y"));

        SegmentOutcome deleted = sync.sync(delete("BU-2"));
        SegmentOutcome alreadyGone = sync.sync(delete("BU-2"));

        assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(alreadyGone.outcome()).isEqualTo(Outcome.DELETED);
        assertThat(alreadyGone.status()).isEqualTo(404);
        assertThat(sync.sandbox.segment("BU-2")).isEmpty();
    }

    @Test
    void badRequestIsRejectedWithTheApiMessageAndDeadLetteredWithoutRetry() {
        long before = openDeadLetters();

        SegmentOutcome outcome = sync.sync(upsert("BU-3", null, "Name only", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.message()).contains("segment_code").contains("creating a segment needs");
        assertThat(sync.sandbox.requests()).hasSize(1);
        DeadLetter letter = lastDeadLetter();
        assertThat(openDeadLetters()).isEqualTo(before + 1);
        assertThat(letter.systemId()).isEqualTo("BU-3");
        assertThat(letter.status()).isEqualTo(400);
        assertThat(letter.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(letter.payload()).isEqualTo("{\"segment_name\":\"Name only\"}");
        assertThat(letter.apiMessage()).contains("segment_code");
    }

    @Test
    void aRefusedDeleteIsRejectedWithTheApiReasonAndNoFieldOfACreate() {
        sync.sync(upsert("BU-18", "EIGHTEEN", "Eighteen", null));
        sync.sandbox.addSurveyResponse("BU-18");

        SegmentOutcome outcome = sync.sync(delete("BU-18"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.message()).isEqualTo("delete refused: Segment with system_id 'BU-18' has survey Responses "
                + "completed for it and cannot be deleted");
        assertThat(lastDeadLetter().apiMessage()).isEqualTo(outcome.message());
        assertThat(sync.sandbox.segment("BU-18")).isPresent();
    }

    /** Active to n is a deactivation, counted apart; a rename of a segment already inactive is an update. */
    @Test
    void aPutThatSetsActiveToNIsADeactivation() {
        sync.sync(upsert("BU-19", "NINETEEN", "Nineteen", null));

        SegmentOutcome deactivated = sync.sync(upsert("BU-19", null, null, "n"));
        SegmentOutcome renamed = sync.sync(upsert("BU-19", null, "Nineteen (closed)", "n"));

        assertThat(deactivated.outcome()).isEqualTo(Outcome.DEACTIVATED);
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(renamed.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(sync.sandbox.segment("BU-19")).contains(new SandboxSegment("BU-19", "NINETEEN", "Nineteen (closed)", "n"));
    }

    @Test
    void putOnAMissingSegmentThatTheApiAnswers404IsRejected() {
        sync.sandbox.faults().failNext(1, 404);

        SegmentOutcome outcome = sync.sync(upsert("BU-4", "X4", "Four", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.status()).isEqualTo(404);
        assertThat(sync.sandbox.requests()).hasSize(1);
    }

    @Test
    void conflictNamesTheCodeAndTheSegmentHoldingIt() {
        sync.sync(upsert("HOLDER-1", "EMEA", "Europe", null));

        SegmentOutcome outcome = sync.sync(upsert("BU-5", "EMEA", "Also Europe", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(outcome.status()).isEqualTo(422);
        assertThat(outcome.message()).contains("segment_code 'EMEA'").contains("held by system_id 'HOLDER-1'");
        assertThat(lastDeadLetter().outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(sync.sandbox.requests()).extracting(r -> r.method()).containsExactly("PUT", "PUT", "GET");
    }

    @Test
    void serverErrorsAreRetriedExactlyMaxAttemptsTimesThenDeadLettered() {
        sync.sandbox.faults().failNext(100, 500);

        SegmentOutcome outcome = sync.sync(upsert("BU-6", "SIX", "Six", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(sync.sandbox.requests()).hasSize(4);
        assertThat(outcome.message()).contains("gave up after 4 attempts").contains("500");
        DeadLetter letter = lastDeadLetter();
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void transientFailuresRecoverWithinTheAttempts() {
        sync.sandbox.faults().failNext(1, 500);
        sync.sandbox.faults().failNext(1, 502);
        sync.sandbox.faults().failNext(1, 429);

        SegmentOutcome outcome = sync.sync(upsert("BU-7", "SEVEN", "Seven", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
        // the 429 asked to slow down: waited for, not counted as one of the attempts
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(sync.sandbox.requests()).extracting(r -> r.status()).containsExactly(500, 502, 429, 201);
    }

    @Test
    void retryAfterIsHonoured() {
        sync.sandbox.faults().failNext(1, 503, 1);
        long start = System.nanoTime();

        SegmentOutcome outcome = sync.sync(upsert("BU-8", "EIGHT", "Eight", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(sync.sandbox.requests()).hasSize(2);
        // the configured backoff is 10 ms; only the server's Retry-After explains a wait of a second
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void timeoutsAndDroppedConnectionsAreRetried() {
        sync.sandbox.faults().hangNext(1);
        sync.sandbox.faults().dropNext(1);

        SegmentOutcome outcome = sync.sync(upsert("BU-9", "NINE", "Nine", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(sync.sandbox.requests()).extracting(r -> r.status()).containsExactly(0, 0, 201);
    }

    @Test
    void anUnexpectedStatusIsRejectedWithStatusAndBody() {
        sync.sandbox.faults().failNext(1, 418);

        SegmentOutcome outcome = sync.sync(upsert("BU-10", "TEN", "Ten", null));

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.message()).startsWith("unexpected HTTP status 418");
        assertThat(sync.sandbox.requests()).hasSize(1);
    }

    @Test
    void getAnswersFoundOrNotFound() {
        sync.sync(upsert("BU-11", "ELEVEN", "Eleven", null));

        assertThat(statusRouteOutcomeOfGet("BU-11")).isEqualTo("found");
        assertThat(statusRouteOutcomeOfGet("NO-SUCH")).isEqualTo("not-found");
    }

    @Test
    void invalidRecordsAreRejectedBeforeAnyRequest() {
        SegmentOutcome outcome = sync.sync(upsert("BU-12", "TWELVE", "Twelve", "maybe"));

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.message()).contains("source 'test'").contains("BU-12").contains("active").contains("maybe");
        assertThat(sync.sandbox.requests()).isEmpty();
    }

    @Test
    void aDryRunPlansWithoutAnyRequest() throws Exception {
        java.util.Properties dryRun = new java.util.Properties();
        dryRun.setProperty("sync.dry-run", "true");
        try (SyncHarness planner = SyncHarness.start(dataDir.resolve("dry-run"), dryRun)) {
            SegmentOutcome outcome = planner.sync(upsert("BU-13", "THIRTEEN", "Thirteen", "n"));

            assertThat(outcome.outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(planner.sandbox.requests()).isEmpty();
        }
    }

    private String statusRouteOutcomeOfGet(String systemId) {
        Exchange answer = sync.template.send("direct:segments-api-get",
                e -> e.getMessage().setHeader("SegmentSyncSystemId", systemId));
        Exchange decided = sync.template.send("direct:segments-api-status", answer);
        return decided.getProperty(SyncProperties.OUTCOME, String.class);
    }

    private static long openDeadLetters() {
        return sync.beans.deadLetterStore().countOpen();
    }

    private static DeadLetter lastDeadLetter() {
        List<DeadLetter> open = sync.beans.deadLetterStore().list(false);
        return open.get(open.size() - 1);
    }
}
