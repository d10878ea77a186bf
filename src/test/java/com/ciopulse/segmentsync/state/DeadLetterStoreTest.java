package com.ciopulse.segmentsync.state;

import static com.ciopulse.segmentsync.testsupport.Concurrently.runAtOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.testsupport.OnEachDatabase;
import com.ciopulse.segmentsync.testsupport.StateDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dead letters: stored, listed, replayed and superseded, on each database the state store supports. */
@OnEachDatabase
class DeadLetterStoreTest extends StateStoreTestBase {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final Instant REPLAYED = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant SUPERSEDED = Instant.parse("2026-03-02T09:30:00.654321Z");

    private DeadLetterStore deadLetters;

    @BeforeEach
    void createDeadLetterStore() {
        deadLetters = new DeadLetterStore(store.dataSource());
    }

    @AfterEach
    void closeDeadLetterStore() {
        deadLetters.close();
    }

    @Test
    void addReturnsTheEntryWithAnIdAndFindReadsBackEveryField() {
        DeadLetter entry = DeadLetter.of("file-drop", "segments.csv line 7", "BU-Zürich-東京",
                SegmentAction.UPSERT, "{\"segment_name\":\"Zürich – Ærø 東京 🚀\"}", 422,
                Outcome.REJECTED, "segment_name: ungültig «zu lang»", 1, CREATED);

        DeadLetter stored = deadLetters.add(entry);

        assertThat(stored.id()).isNotNull();
        assertThat(stored.createdAt()).isEqualTo(CREATED.truncatedTo(ChronoUnit.MICROS));
        assertThat(stored).usingRecursiveComparison().ignoringFields("id", "createdAt").isEqualTo(entry);
        assertThat(deadLetters.find(stored.id())).contains(stored);
        assertThat(stored.isOpen()).isTrue();
    }

    @Test
    void keepsADeleteThatGotNoAnswerWithStatusZeroAndNoPayload() {
        DeadLetter stored = deadLetters.add(DeadLetter.of("jdbc-erp", null, "BU-9", SegmentAction.DELETE, null, 0,
                Outcome.FAILED, "connect timed out", 3, CREATED));

        assertThat(deadLetters.find(stored.id())).hasValueSatisfying(found -> {
            assertThat(found.status()).isZero();
            assertThat(found.action()).isEqualTo(SegmentAction.DELETE);
            assertThat(found.payload()).isNull();
            assertThat(found.sourceRef()).isNull();
            assertThat(found.attempts()).isEqualTo(3);
            assertThat(found.outcome()).isEqualTo(Outcome.FAILED);
        });
    }

    @Test
    void keepsLongPayloadsAndMessagesWhole() {
        String payload = "{\"segment_name\":\"" + "Ø€".repeat(100_000) + "\"}";
        String message = "conflict: ".repeat(10_000);

        DeadLetter stored = deadLetters.add(DeadLetter.of("file-drop", "big.csv line 1", "BU-1",
                SegmentAction.UPSERT, payload, 409, Outcome.CONFLICT, message, 1, CREATED));

        DeadLetter found = deadLetters.find(stored.id()).orElseThrow();
        assertThat(found.payload()).isEqualTo(payload);
        assertThat(found.apiMessage()).isEqualTo(message);
    }

    @Test
    void storesValuesThatLookLikeSqlVerbatim() {
        String hostile = "O'Brien'); DROP TABLE dead_letter; --";

        DeadLetter stored = deadLetters.add(DeadLetter.of(hostile, hostile, hostile, SegmentAction.UPSERT, hostile,
                400, Outcome.REJECTED, hostile, 1, CREATED));

        assertThat(deadLetters.find(stored.id())).contains(stored);
        assertThat(deadLetters.list(true)).hasSize(1);
    }

    @Test
    void listIsInIdOrderAndLeavesReplayedEntriesOutUnlessAsked() {
        DeadLetter first = deadLetters.add(entry("BU-1"));
        DeadLetter second = deadLetters.add(entry("BU-2"));
        DeadLetter third = deadLetters.add(entry("BU-3"));

        deadLetters.markReplayed(second.id(), REPLAYED, "accepted");

        assertThat(deadLetters.list(false)).extracting(DeadLetter::id).containsExactly(first.id(), third.id());
        assertThat(deadLetters.list(true)).extracting(DeadLetter::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(deadLetters.countOpen()).isEqualTo(2);
    }

    @Test
    void anEntryIsReplayedOnlyOnce() {
        DeadLetter stored = deadLetters.add(entry("BU-1"));

        assertThat(deadLetters.markReplayed(stored.id(), REPLAYED, "accepted")).isTrue();
        assertThat(deadLetters.markReplayed(stored.id(), REPLAYED.plusSeconds(60), "rejected")).isFalse();

        DeadLetter replayed = deadLetters.find(stored.id()).orElseThrow();
        assertThat(replayed.replayedAt()).isEqualTo(REPLAYED);
        assertThat(replayed.replayOutcome()).isEqualTo("accepted");
        assertThat(replayed.isOpen()).isFalse();
        assertThat(deadLetters.countOpen()).isZero();
    }

    @Test
    void markingAnUnknownEntryReplayedChangesNothing() {
        assertThat(deadLetters.markReplayed(424242L, REPLAYED, "accepted")).isFalse();
        assertThat(deadLetters.find(424242L)).isEmpty();
    }

    @Test
    void addTakesOnlyNewEntries() {
        DeadLetter stored = deadLetters.add(entry("BU-1"));

        assertThatThrownBy(() -> deadLetters.add(stored)).isInstanceOf(IllegalArgumentException.class);
        assertThat(deadLetters.list(true)).hasSize(1);
    }

    @Test
    void concurrentAddsFromEightThreadsKeepEveryEntry() throws Exception {
        int threads = 8;
        int perThread = 25;

        List<Long> ids = runAtOnce(threads, thread -> {
            List<Long> added = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                added.add(deadLetters.add(entry("BU-" + thread + "-" + i)).id());
            }
            return added;
        }).stream().flatMap(List::stream).toList();

        assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(deadLetters.countOpen()).isEqualTo(threads * perThread);
        assertThat(deadLetters.list(false)).extracting(DeadLetter::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void concurrentReplaysOfOneEntryMarkItOnce() throws Exception {
        DeadLetter stored = deadLetters.add(entry("BU-1"));

        List<Boolean> marked = runAtOnce(8, thread -> deadLetters.markReplayed(stored.id(), REPLAYED, "replay " + thread));

        assertThat(marked).containsOnlyOnce(true);
    }

    @Test
    void entriesOutliveClosingAndReopeningTheStore() {
        DeadLetter open = deadLetters.add(entry("BU-1"));
        DeadLetter replayed = deadLetters.add(entry("BU-2"));
        deadLetters.markReplayed(replayed.id(), REPLAYED, "accepted");

        reopenStore();

        DeadLetterStore reopened = new DeadLetterStore(store.dataSource());
        assertThat(reopened.list(true)).containsExactly(open, reopened.find(replayed.id()).orElseThrow());
        assertThat(reopened.countOpen()).isEqualTo(1);
        DeadLetter next = reopened.add(entry("BU-3"));
        assertThat(next.id()).isGreaterThan(replayed.id());
    }

    @Test
    void aLaterAcceptedRecordClosesTheOpenEntriesOfItsSegmentOnly() {
        DeadLetter first = deadLetters.add(entry("BU-1"));
        DeadLetter other = deadLetters.add(entry("BU-2"));
        DeadLetter second = deadLetters.add(entry("BU-1"));
        DeadLetter replayed = deadLetters.add(entry("BU-1"));
        deadLetters.markReplayed(replayed.id(), REPLAYED, "created");

        CommitBarrier.await(deadLetters.supersede("BU-1", "file-drop b.csv line 2 (created)", SUPERSEDED, null));

        assertThat(deadLetters.list(false)).containsExactly(other);
        assertThat(deadLetters.countOpen()).isEqualTo(1);
        assertThat(deadLetters.countSuperseded()).isEqualTo(2);
        assertThat(deadLetters.find(first.id())).hasValueSatisfying(found -> {
            assertThat(found.isOpen()).isFalse();
            assertThat(found.isSuperseded()).isTrue();
            assertThat(found.supersededAt()).isEqualTo(SUPERSEDED);
            assertThat(found.supersededBy()).isEqualTo("file-drop b.csv line 2 (created)");
            assertThat(found.replayedAt()).isNull();
        });
        assertThat(deadLetters.find(replayed.id()).orElseThrow().isSuperseded()).as("replayed before").isFalse();
        assertThat(deadLetters.listSuperseded(1)).extracting(DeadLetter::id).containsExactly(second.id());
        assertThat(deadLetters.listSuperseded(10)).extracting(DeadLetter::id).containsExactly(second.id(), first.id());
        assertThat(deadLetters.markReplayed(first.id(), REPLAYED, "created")).as("a superseded entry").isFalse();
    }

    @Test
    void aReplayClosesOnlyTheEntriesOlderThanTheOneItSends() {
        DeadLetter older = deadLetters.add(entry("BU-1"));
        DeadLetter sent = deadLetters.add(entry("BU-1"));
        DeadLetter newer = deadLetters.add(entry("BU-1"));

        CommitBarrier.await(deadLetters.supersede("BU-1", "dead letter #" + sent.id() + " (updated)", SUPERSEDED,
                sent.id()));

        assertThat(deadLetters.list(false)).extracting(DeadLetter::id).containsExactly(sent.id(), newer.id());
        assertThat(deadLetters.find(older.id()).orElseThrow().isSuperseded()).isTrue();
        // the segment keeps open entries: a later accepted record still closes them
        CommitBarrier.await(deadLetters.supersede("BU-1", "jdbc-erp row 7 (updated)", SUPERSEDED, null));
        assertThat(deadLetters.countOpen()).isZero();
        assertThat(deadLetters.countSuperseded()).isEqualTo(3);
    }

    @Test
    void closingsHandedInTogetherAreCommittedAndEachClosesItsOwnSegment() {
        List<DeadLetter> added = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            added.add(deadLetters.add(entry("BU-" + i)));
        }
        CommitBarrier barrier = new CommitBarrier();

        for (int i = 0; i < 50; i += 2) {
            barrier.add(deadLetters.supersede("BU-" + i, "file-drop units.csv:" + i + " (created)", SUPERSEDED, null));
        }
        barrier.await();

        assertThat(deadLetters.list(true)).filteredOn(DeadLetter::isSuperseded).hasSize(25)
                .allSatisfy(letter -> assertThat(letter.supersededBy())
                        .isEqualTo("file-drop units.csv:" + letter.systemId().substring(3) + " (created)"));
        assertThat(deadLetters.list(false)).extracting(DeadLetter::systemId)
                .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(3)) % 2).isOne());
    }

    @Test
    void aSegmentWithoutOpenEntriesCostsNoQuery() {
        deadLetters.add(entry("BU-1"));
        CommitBarrier.await(deadLetters.supersede("BU-2", "file-drop (created)", SUPERSEDED, null));

        // with the database gone, only a segment known to have open entries reaches it
        store.close();
        store = null;

        CommitBarrier.await(deadLetters.supersede("BU-3", "file-drop (created)", SUPERSEDED, null));
        assertThatThrownBy(() -> CommitBarrier.await(deadLetters.supersede("BU-1", "file-drop (created)",
                SUPERSEDED, null))).isInstanceOf(StateStoreException.class).hasMessageContaining("BU-1");
        // still known after the failure: the next accepted record tries again
        assertThatThrownBy(() -> CommitBarrier.await(deadLetters.supersede("BU-1", "file-drop (created)",
                SUPERSEDED, null))).isInstanceOf(StateStoreException.class);
    }

    @Test
    void entriesStoredBeforeTheStoreWasCreatedOrByAnotherOneAreKnown() {
        DeadLetter earlier = deadLetters.add(entry("BU-1"));
        try (DeadLetterStore running = new DeadLetterStore(store.dataSource())) {
            CommitBarrier.await(running.supersede("BU-9", "file-drop (created)", SUPERSEDED, null));
            DeadLetter meanwhile = new DeadLetterStore(store.dataSource()).add(entry("BU-2"));

            CommitBarrier.await(running.supersede("BU-1", "file-drop (created)", SUPERSEDED, null));
            assertThat(deadLetters.find(earlier.id()).orElseThrow().isSuperseded()).isTrue();
            // stored by another instance after this one read the open ones: left for supersedeStale
            CommitBarrier.await(running.supersede("BU-2", "file-drop (created)", SUPERSEDED, null));
            assertThat(deadLetters.find(meanwhile.id()).orElseThrow().isOpen()).isTrue();
        }
    }

    @Test
    void staleEntriesAreThoseOlderThanTheAcceptedStateAndThoseOfASegmentWithANewerOpenEntry() {
        Instant accepted = CREATED.plusSeconds(60);
        try (SegmentStateStore states = new SegmentStateStore(store.dataSource())) {
            CommitBarrier.await(states.save(new SegmentState("BU-1", "C1", "Name B", "y", "file-drop", accepted)));
            CommitBarrier.await(states.save(new SegmentState("BU-2", "C2", "Name B", "y", "file-drop", accepted)));
        }
        DeadLetter beforeState = deadLetters.add(entry("BU-1", CREATED));
        DeadLetter afterState = deadLetters.add(entry("BU-2", accepted.plusSeconds(1)));
        DeadLetter oldest = deadLetters.add(entry("BU-3", CREATED));
        DeadLetter older = deadLetters.add(entry("BU-3", CREATED.plusSeconds(1)));
        DeadLetter newest = deadLetters.add(entry("BU-3", CREATED.plusSeconds(2)));
        DeadLetter noSystemId = deadLetters.add(entry(null, CREATED));

        assertThat(deadLetters.supersedeStale(SUPERSEDED)).isEqualTo(3);

        assertThat(deadLetters.list(false)).extracting(DeadLetter::id)
                .containsExactly(afterState.id(), newest.id(), noSystemId.id());
        assertThat(deadLetters.find(beforeState.id()).orElseThrow().supersededBy())
                .isEqualTo("a record accepted later from file-drop");
        assertThat(deadLetters.find(oldest.id()).orElseThrow().supersededBy()).isEqualTo("dead letter #" + newest.id());
        assertThat(deadLetters.find(older.id()).orElseThrow().supersededBy()).isEqualTo("dead letter #" + newest.id());
        assertThat(deadLetters.find(older.id()).orElseThrow().supersededAt()).isEqualTo(SUPERSEDED);
        assertThat(deadLetters.supersedeStale(SUPERSEDED.plusSeconds(1))).as("idempotent").isZero();
    }

    private static DeadLetter entry(String systemId, Instant createdAt) {
        return DeadLetter.of("file-drop", "segments.csv", systemId, SegmentAction.UPSERT, "{}", 500,
                Outcome.FAILED, "HTTP 500", 4, createdAt);
    }

    private static DeadLetter entry(String systemId) {
        return DeadLetter.of("file-drop", "segments.csv", systemId, SegmentAction.UPSERT, "{}", 400,
                Outcome.REJECTED, "invalid", 1, CREATED);
    }
}
