package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import java.time.Instant;
import java.util.Objects;

/**
 * A request the Segments API did not accept, or never answered, kept so that it can be inspected and replayed.
 * Times are stored to the microsecond.
 *
 * @param id            store id, {@code null} until {@link DeadLetterStore#add} stored it
 * @param source        id of the source instance the record came from
 * @param sourceRef     where in the source (file + line, row key, replay id), or null
 * @param systemId      the segment's system id, or null when the record had none
 * @param action        upsert or delete
 * @param payload       the JSON body that was sent; null for a delete
 * @param status        the HTTP status of the last answer; 0 when there was none (timeout, connection error)
 * @param outcome       what the status-code route made of the answer: rejected, conflict or failed
 * @param apiMessage    the API's error message, or what went wrong without an answer; may be null
 * @param attempts      how many requests were made
 * @param createdAt     when the entry was dead-lettered
 * @param replayedAt    when it was replayed, null until then
 * @param replayOutcome what the replay gave (e.g. {@code accepted}), null until replayed
 * @param supersededAt  when a later record of the same segment was accepted, which closed the entry without a
 *                      replay (a replay would send older data than the API holds since); null while not
 * @param supersededBy  what closed it: the accepted record (source and reference, outcome) or the newer entry
 */
public record DeadLetter(Long id, String source, String sourceRef, String systemId, SegmentAction action,
                         String payload, int status, Outcome outcome, String apiMessage, int attempts,
                         Instant createdAt, Instant replayedAt, String replayOutcome, Instant supersededAt,
                         String supersededBy) {

    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!outcome.deadLettered()) {
            throw new IllegalArgumentException("only rejected, conflict and failed records are dead letters, not " + outcome.label());
        }
        if (status < 0 || attempts < 0) {
            throw new IllegalArgumentException("status and attempts must not be negative: " + status + ", " + attempts);
        }
    }

    /** A new entry, not yet stored nor replayed. */
    public static DeadLetter of(String source, String sourceRef, String systemId, SegmentAction action,
                                String payload, int status, Outcome outcome, String apiMessage, int attempts,
                                Instant createdAt) {
        return new DeadLetter(null, source, sourceRef, systemId, action, payload, status, outcome, apiMessage,
                attempts, createdAt, null, null, null, null);
    }

    /** Whether the entry still waits for a replay: neither replayed nor superseded. */
    public boolean isOpen() {
        return replayedAt == null && supersededAt == null;
    }

    /** Whether a later accepted record of the segment closed it. */
    public boolean isSuperseded() {
        return supersededAt != null;
    }

    DeadLetter withId(long newId, Instant storedCreatedAt) {
        return new DeadLetter(newId, source, sourceRef, systemId, action, payload, status, outcome, apiMessage,
                attempts, storedCreatedAt, replayedAt, replayOutcome, supersededAt, supersededBy);
    }
}
