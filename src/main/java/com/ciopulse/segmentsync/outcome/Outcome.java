package com.ciopulse.segmentsync.outcome;

import java.util.Locale;

/** How a record's trip through the pipeline ended. Every record ends in exactly one of these. */
public enum Outcome {
    CREATED(true),
    UPDATED(true),
    /** 200 on a PUT that set active to n on a segment not known to be inactive already (a rename with it too). */
    DEACTIVATED(true),
    UNCHANGED(true),
    DELETED(true),
    /** GET answered 200 (reconcile and credential probes, not source records). */
    FOUND(true),
    /** GET answered 404. */
    NOT_FOUND(true),
    /** Dry run: the call that would have been made was reported, nothing was sent. */
    PLANNED(true),
    /** Invalid input, or the API refused the record (400, a 404 on PUT, an unexpected status). */
    REJECTED(false),
    /** 422: another segment already has this segment code. */
    CONFLICT(false),
    /** The API kept failing (5xx, 429, timeouts, connection errors) until the retries ran out. */
    FAILED(false),
    /**
     * A reconcile asked to decide itself: a 422 (retried once after the rest of the run) or a refused delete
     * (deactivated instead). Not final, not counted, not dead-lettered.
     */
    DEFERRED(false),
    /** 401: the credentials were refused; the sync stopped reading its sources. Not a final outcome. */
    HALTED(false);

    private final boolean success;

    Outcome(boolean success) {
        this.success = success;
    }

    /** Whether the record reached the state its source asked for. */
    public boolean success() {
        return success;
    }

    /** Whether the record goes to the dead letters: it ended, but not as its source asked. */
    public boolean deadLettered() {
        return this == REJECTED || this == CONFLICT || this == FAILED;
    }

    /** The lower-case name used in routes, reports and the state store. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Outcome ofLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
