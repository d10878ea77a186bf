package com.ciopulse.segmentsync.pipeline;

/**
 * Thrown back to a source when the sync halted (the API refused the credentials): the source must not
 * acknowledge its input, so the records are read again once the sync resumes.
 */
public class SyncHaltedException extends RuntimeException {

    public SyncHaltedException(String message) {
        super(message);
    }
}
