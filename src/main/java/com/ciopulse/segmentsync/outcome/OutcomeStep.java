package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.pipeline.ChangeDetection;
import com.ciopulse.segmentsync.plan.DryRunPlan;
import com.ciopulse.segmentsync.plan.PlannedChange;
import com.ciopulse.segmentsync.pipeline.SyncProperties;
import com.ciopulse.segmentsync.segment.NameCleaning;
import com.ciopulse.segmentsync.segment.SanitizedValue;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.ValidSegment;
import com.ciopulse.segmentsync.state.CommitBarrier;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.ciopulse.segmentsync.state.SegmentState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The last step of every record: turns what the pipeline found into a {@link SegmentOutcome}, stores a dead
 * letter when the record did not succeed or the accepted content when it did, and counts it. A dead letter is
 * committed before the outcome is counted or answered. The accepted content, and the closing of the open dead
 * letters it supersedes, are committed by the stores' committers: a record of a batch adds those commits to the
 * batch's {@link CommitBarrier} and is answered at once, the batch waits for all of them before it answers; a
 * record sent on its own waits for its commits. Either way
 * a source never acknowledges a record whose outcome could not be written.
 */
public class OutcomeStep {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeStep.class);
    /**
     * Marks the lines about one record each (a dead letter, a sanitized value): a big file can bring thousands of
     * them, which a console caps while the log file keeps them all.
     */
    public static final Marker ONE_RECORD = MarkerFactory.getMarker("SYNC_ONE_RECORD");

    private final DeadLetterStore deadLetters;
    private final ChangeDetection changes;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final DryRunPlan plan;

    public OutcomeStep(DeadLetterStore deadLetters, ChangeDetection changes, OutcomeRecorder recorder, Clock clock) {
        this(deadLetters, changes, recorder, clock, DryRunPlan.OFF);
    }

    /** @param plan a dry run's plan, which gets every record's line; {@link DryRunPlan#OFF} in a real run */
    public OutcomeStep(DeadLetterStore deadLetters, ChangeDetection changes, OutcomeRecorder recorder, Clock clock,
                       DryRunPlan plan) {
        this.deadLetters = deadLetters;
        this.changes = changes;
        this.recorder = recorder;
        this.clock = clock;
        this.plan = plan;
    }

    public SegmentOutcome finish(Exchange exchange) {
        SegmentRecord record = exchange.getProperty(SyncProperties.RECORD, SegmentRecord.class);
        ValidSegment segment = exchange.getProperty(SyncProperties.SEGMENT, ValidSegment.class);
        Outcome outcome = Outcome.ofLabel(exchange.getProperty(SyncProperties.OUTCOME, String.class));
        int attempts = exchange.getProperty(SyncProperties.ATTEMPTS, 0, Integer.class);
        int status = exchange.getProperty(SyncProperties.STATUS, 0, Integer.class);
        String reason = explain(outcome, status, segment, exchange.getProperty(SyncProperties.MESSAGE, String.class));

        SegmentOutcome result = new SegmentOutcome(record.source(), record.sourceRef(),
                segment != null ? segment.systemId() : record.systemId(), outcome, status, attempts, reason,
                segment != null ? segment.sanitized() : List.of());
        if (outcome == Outcome.DEFERRED) {
            // the reconcile that asked for it decides what happens next; nothing is final yet
            return result;
        }
        if (outcome.deadLettered()) {
            deadLetters.add(DeadLetter.of(record.source(), record.sourceRef(), result.systemId(), record.action(),
                    payloadOf(record, segment), status, outcome, reason, attempts, clock.instant()));
            LOG.warn(ONE_RECORD, "Dead-lettered: {}", result);
        } else {
            LOG.debug("{}", result);
        }
        String mode = exchange.getProperty(SyncProperties.MODE, String.class);
        if (plan.enabled() && (mode == null || !mode.startsWith("reconcile"))) {
            // a reconcile's plan is written by the reconcile, which knows what CIOPulse holds
            plan.add(planned(exchange, record, segment, result));
        }
        // a dry run's plan file lists each sanitized value with its record
        if (!result.sanitized().isEmpty() && !plan.enabled()) {
            LOG.info(ONE_RECORD, "Sanitized {} [{}{}]: {}", result.systemId(), record.source(),
                    record.sourceRef() == null ? "" : " " + record.sourceRef(),
                    result.sanitized().stream().map(SanitizedValue::toString).collect(Collectors.joining("; ")));
        }
        CompletableFuture<Void> stateCommitted = changes.remember(segment, outcome);
        CompletableFuture<Void> lettersClosed = closeSupersededDeadLetters(exchange, record, result);
        CommitBarrier batch = exchange.getProperty(SyncProperties.COMMIT_BARRIER, CommitBarrier.class);
        if (batch != null) {
            batch.add(stateCommitted);
            batch.add(lettersClosed);
        } else {
            CommitBarrier.await(stateCommitted);
            CommitBarrier.await(lettersClosed);
        }
        recorder.record(result);
        if (sent(outcome)) {
            // the validator noted every value it changed: only a changed name can have been cleaned
            for (SanitizedValue change : result.sanitized()) {
                if (change.field().equals("segment_name") && NameCleaning.needsCleaning(change.before())
                        && !NameCleaning.needsCleaning(change.after())) {
                    recorder.nameCleaned(result, change.before(), change.after());
                }
            }
        }
        return result;
    }

    /** A record's line in the dry run's plan. */
    private PlannedChange planned(Exchange exchange, SegmentRecord record, ValidSegment segment, SegmentOutcome result) {
        String code = segment != null ? segment.segmentCode() : record.segmentCode();
        return switch (result.outcome()) {
            case PLANNED -> {
                @SuppressWarnings("unchecked")
                Optional<SegmentState> known = exchange.getProperty(SyncProperties.KNOWN_STATE, Optional.class);
                if (known == null) { // not compared (change detection off): read for the plan alone
                    known = segment.action() == SegmentAction.UPSERT ? changes.lastAccepted(segment.systemId())
                            : Optional.empty();
                }
                yield PlannedChange.ofRecord(segment, known);
            }
            case UNCHANGED -> PlannedChange.unchanged(record.source(), record.sourceRef(), result.systemId(), code);
            default -> PlannedChange.rejected(record.source(), record.sourceRef(), result.systemId(), code,
                    result.message());
        };
    }

    /** The outcomes whose values went to the API (or would have, in a dry run). */
    private static boolean sent(Outcome outcome) {
        return outcome == Outcome.CREATED || outcome == Outcome.UPDATED || outcome == Outcome.DEACTIVATED
                || outcome == Outcome.PLANNED;
    }

    /**
     * Records input that never became a segment record (a file that cannot be read as a whole): it counts as
     * rejected and is dead-lettered with the reason, so it shows in the run report and the dead letters.
     */
    public SegmentOutcome rejectInput(String source, String sourceRef, String reason) {
        SegmentOutcome result = new SegmentOutcome(source, sourceRef, null, Outcome.REJECTED, 0, 0, reason);
        deadLetters.add(DeadLetter.of(source, sourceRef, null, SegmentAction.UPSERT, null, 0, Outcome.REJECTED, reason,
                0, clock.instant()));
        LOG.error("Rejected input: {}", result);
        plan.add(PlannedChange.rejected(source, sourceRef, null, null, reason));
        recorder.record(result);
        return result;
    }

    /**
     * Records a record its source refused before any call, because the input itself is at fault (a row a file
     * cannot be read into, a segment_code that an earlier row of the same file gives to another system_id): it
     * is dead-lettered without a payload, so replaying it says to fix the source, and counted.
     */
    public SegmentOutcome refuse(SegmentRecord record, Outcome outcome, String reason) {
        SegmentOutcome result = new SegmentOutcome(record.source(), record.sourceRef(), record.systemId(), outcome, 0,
                0, reason);
        deadLetters.add(DeadLetter.of(record.source(), record.sourceRef(), record.systemId(), record.action(), null, 0,
                outcome, reason, 0, clock.instant()));
        LOG.warn(ONE_RECORD, "Dead-lettered: {}", result);
        plan.add(PlannedChange.rejected(record.source(), record.sourceRef(), record.systemId(), record.segmentCode(),
                reason));
        recorder.record(result);
        return result;
    }

    /**
     * An accepted record (or one the API already holds) is newer than the open dead letters of its segment:
     * replaying one of them would put older data back. The store asks the database only when it knows of some,
     * and commits like the accepted state: the source is acknowledged once it is done.
     */
    private CompletableFuture<Void> closeSupersededDeadLetters(Exchange exchange, SegmentRecord record,
                                                               SegmentOutcome result) {
        if (!supersedes(result.outcome())) {
            return CompletableFuture.completedFuture(null);
        }
        return deadLetters.supersede(result.systemId(), describe(record, result), clock.instant(),
                exchange.getProperty(SyncProperties.REPLAY_OF, Long.class));
    }

    /**
     * Whether the API holds what the record's source said last: it accepted the record (whatever the success was
     * called), or held its values already. Not a dry run's plan, nor a read.
     */
    private static boolean supersedes(Outcome outcome) {
        return outcome.success() && outcome != Outcome.PLANNED && outcome != Outcome.FOUND
                && outcome != Outcome.NOT_FOUND;
    }

    private static String describe(SegmentRecord record, SegmentOutcome result) {
        return record.source() + (record.sourceRef() == null ? "" : " " + record.sourceRef())
                + " (" + result.outcome().label() + ")";
    }

    private static String payloadOf(SegmentRecord record, ValidSegment segment) {
        return segment == null || record.action() == SegmentAction.DELETE ? null : segment.payloadJson();
    }

    /**
     * A 400 on a PUT that lacks code or name most likely means the segment does not exist yet: the message names
     * the missing field the way validation does ({@code field 'segment_code': ...}), so a file's result lists it.
     * A DELETE carries no fields, so its refusal is the API's reason as the status-code route worded it.
     */
    private static String explain(Outcome outcome, int status, ValidSegment segment, String message) {
        if (outcome == Outcome.REJECTED && status == 400 && segment != null
                && segment.action() == SegmentAction.UPSERT && !segment.complete()) {
            String missing = segment.segmentCode() == null ? "segment_code" : "segment_name";
            return "creating a segment: field '" + missing + "': is missing, and creating a segment needs "
                    + "segment_code and segment_name; the API answered: " + message;
        }
        if (outcome == Outcome.REJECTED && status == 400 && segment != null && segment.segmentName() != null) {
            return message + nameHint(segment.segmentName(), message);
        }
        return message;
    }

    /**
     * The API's answer to a name it calls invalid speaks of its URL ("add &clean to the URL"); the user sets a
     * setting instead. Dashes and colons the sync cleans itself, reporting each change; other characters only the
     * API's {@code &clean} replaces, unreported.
     */
    private static String nameHint(String sentName, String message) {
        if (NameCleaning.needsCleaning(sentName)) {
            return "; to send such names set sync.segments.clean-names=true (the sync replaces dashes other than '-' "
                    + "and colons with '-' and reports each change) or sync.segments-api.clean=true (the API "
                    + "replaces them, unreported)";
        }
        if (message != null && message.contains("&clean")) {
            return "; set sync.segments-api.clean=true to have the API replace the characters it calls invalid in "
                    + "segment_name with hyphens";
        }
        return "";
    }
}
