package com.ciopulse.segmentsync.source.rest;

/**
 * A poll of a REST source failed as a whole: no answer, an error status, or the rate limit still in force after
 * the retries allowed. Nothing of the poll is sent, the watermark stays, and the source backs off. The message
 * names the source and the page, never a credential.
 */
public class RestSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RestSourceException(String message) {
        super(message, null);
    }
}
