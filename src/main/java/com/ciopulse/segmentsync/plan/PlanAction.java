package com.ciopulse.segmentsync.plan;

import java.util.Locale;

/** What a dry run found a real run would do with one segment. */
public enum PlanAction {
    /** A reconcile saw that CIOPulse does not hold the segment. */
    CREATE,
    /**
     * The sync never wrote this segment (its state store does not know it): the PUT creates it, or updates it when
     * CIOPulse already holds it. Only a reconcile, which reads CIOPulse's list, can tell which.
     */
    CREATE_OR_UPDATE,
    UPDATE,
    DEACTIVATE,
    DELETE,
    UNCHANGED,
    /** The record would be refused before any call (invalid, or refused by its source). */
    REJECT;

    /** The lower-case name of plan files and reports, e.g. {@code create-or-update}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a real run would write this to the API. */
    public boolean writes() {
        return this != UNCHANGED && this != REJECT;
    }
}
