package com.ciopulse.segmentsync.pipeline;

/**
 * Thrown back to a source whose batch was cut short because the sync is shutting down, the source route is
 * stopping (this instance lost the leadership) or it is being suspended (circuit open, credentials refused): the
 * records already handed over finished, the rest was not read, so the source must not acknowledge its input; it is
 * read again at the next poll, the next start or by the new leader.
 */
public class SourceStoppingException extends RuntimeException {

    public SourceStoppingException(String message) {
        super(message);
    }
}
