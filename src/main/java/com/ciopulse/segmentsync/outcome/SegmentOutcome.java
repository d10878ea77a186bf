package com.ciopulse.segmentsync.outcome;

import com.ciopulse.segmentsync.segment.SanitizedValue;
import java.util.List;

/**
 * What the pipeline answers for one record: the body a source gets back from {@code direct:segment-sync}.
 *
 * @param source     the source instance id
 * @param sourceRef  where the record came from in its source
 * @param systemId   the segment's system id (may be null when the record had none)
 * @param outcome    how the record ended
 * @param status     the last HTTP status (0 when no answer came or nothing was sent)
 * @param attempts   how many requests went out for this record
 * @param message    the reason when the outcome is not a success (validation error or the API's message)
 * @param sanitized  the values sent otherwise than the source supplied them; empty when none
 */
public record SegmentOutcome(String source, String sourceRef, String systemId, Outcome outcome, int status,
                             int attempts, String message, List<SanitizedValue> sanitized) {

    public SegmentOutcome {
        sanitized = sanitized == null ? List.of() : sanitized;
    }

    /** An outcome of a record whose values were all sent as supplied (or never sent). */
    public SegmentOutcome(String source, String sourceRef, String systemId, Outcome outcome, int status, int attempts,
                          String message) {
        this(source, sourceRef, systemId, outcome, status, attempts, message, List.of());
    }

    @Override
    public String toString() {
        String reason = message == null || message.isBlank() ? "" : ": " + message;
        return outcome.label() + " " + (systemId == null ? "(no system_id)" : systemId)
                + " [" + source + (sourceRef == null ? "" : " " + sourceRef) + "]"
                + (status > 0 ? " HTTP " + status : "") + reason;
    }
}
