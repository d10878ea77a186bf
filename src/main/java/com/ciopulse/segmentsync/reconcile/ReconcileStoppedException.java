package com.ciopulse.segmentsync.reconcile;

/** A reconcile that did not write anything: the guard stopped it, or CIOPulse's list could not be read. */
public class ReconcileStoppedException extends RuntimeException {

    public ReconcileStoppedException(String message) {
        super(message);
    }
}
