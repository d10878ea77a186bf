package com.ciopulse.segmentsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.RecordedRequest;
import com.ciopulse.segmentsync.sandbox.SandboxFaults;
import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.RunnerSettings;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One fault over the source file: a fresh sandbox, a drop folder, the clock from the drop to the acknowledgement,
 * the accounting, and the recovery the design prescribes (dead letters replayed with the runner's command), after
 * which the sandbox must hold exactly the source's segments. The sync itself is the test's: the bundle in this JVM
 * or a runner JVM.
 */
final class FaultRun implements AutoCloseable {

    /** The longest a fault run may take to get its file acknowledged; the runs take seconds. */
    static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(90);

    final SourceFile source = new SourceFile();
    final SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
    final DropFolder drop;
    private long droppedAt;
    private Duration wall;

    private FaultRun(DropFolder drop) {
        this.drop = drop;
    }

    static FaultRun in(Path work) throws IOException {
        return new FaultRun(new DropFolder(Files.createDirectories(work.resolve("drop"))));
    }

    SandboxFaults faults() {
        return sandbox.faults();
    }

    /** Drops the source file and starts the clock. */
    void dropFile() throws IOException {
        droppedAt = System.nanoTime();
        source.dropInto(drop);
    }

    /** Waits until the sandbox received this many requests: a point in the middle of the run. */
    void awaitCalls(int count) {
        await().atMost(ACKNOWLEDGED_WITHIN).pollInterval(Duration.ofMillis(5))
                .until(() -> sandbox.requestCount() >= count);
    }

    /** Waits until the file is in the done folder; stops the clock. */
    void awaitAcknowledged() {
        await().atMost(ACKNOWLEDGED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> !drop.done().isEmpty());
        wall = Duration.ofNanos(System.nanoTime() - droppedAt);
    }

    /** Nothing acknowledged: the file still waits in the drop folder, nothing is in done. */
    void assertNothingAcknowledged() {
        assertThat(drop.done()).as("acknowledged").isEmpty();
        assertThat(drop.dir().resolve(SourceFile.NAME)).as("the file waits in the drop folder").exists();
    }

    long puts() {
        return sandbox.requests().stream().filter(request -> request.method().equals("PUT")).count();
    }

    /**
     * Waits until no PUT went out for {@code quiet} (the records in flight have ended and no further one is read),
     * and returns how many went out in all.
     */
    long awaitNoMorePuts(Duration quiet) {
        AtomicLong seen = new AtomicLong(-1);
        await().during(quiet).atMost(quiet.multipliedBy(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = puts();
                    return seen.getAndSet(now) == now;
                });
        return seen.get();
    }

    /** The first request after {@code earlier} for the same segment: its next attempt. */
    static Optional<RecordedRequest> nextAttemptAfter(RecordedRequest earlier, List<RecordedRequest> journal) {
        return journal.subList(journal.indexOf(earlier) + 1, journal.size()).stream()
                .filter(later -> later.rawPath().equals(earlier.rawPath()) && later.method().equals(earlier.method()))
                .findFirst();
    }

    /**
     * Counts what became of the records once the file was acknowledged and asserts the promise: every
     * record acknowledged with an outcome, none lost.
     */
    FaultRow account(String fault, String injected, List<DeadLetter> openDeadLetters) {
        FileAccount account = FileAccount.of(source, sandbox, drop, openDeadLetters);
        assertThat(account.lost()).as(fault + ": lost records; " + account).isEmpty();
        assertThat(account.acknowledgedWithGaps()).as(fault + ": acknowledged without an outcome for every record")
                .isEmpty();
        assertThat(account.acknowledged()).as(fault + ": " + account).isEqualTo(SourceFile.RECORDS);
        return account.row(fault, injected, wall);
    }

    /**
     * Replays the open dead letters with the runner's command (when there are any), then asserts the end state: the
     * sandbox holds exactly the source's segments, no dead letter is open. Adds the row to the table.
     *
     * @param stateSettings   the settings that open the sync's state store ({@code sync.state.*})
     * @param openDeadLetters how many dead letters are open now, however the test reaches the state store
     */
    void recover(FaultRow row, Map<String, String> stateSettings, IntSupplier openDeadLetters) {
        if (row.deadLettered() > 0) {
            Map<String, String> settings = RunnerSettings.against(sandbox, drop.dir());
            settings.putAll(stateSettings);
            DeadLetterReplay.Result replay = DeadLetterReplay.run(settings);
            assertThat(replay.exit()).as(replay.output()).isZero();
        }
        assertThat(openDeadLetters.getAsInt()).as("open dead letters after the replay").isZero();
        assertThat(sandbox.segments()).as(row.fault() + ": the sandbox after recovery")
                .hasSize(SourceFile.RECORDS)
                .containsExactlyInAnyOrderElementsOf(source.segments());
        FaultTable.add(row.withReplayed(row.deadLettered()));
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
