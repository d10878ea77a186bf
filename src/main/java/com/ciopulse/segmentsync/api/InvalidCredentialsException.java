package com.ciopulse.segmentsync.api;

/**
 * The CIOPulse portal code or API key is missing or cannot be right. The message says what to fix and where the
 * value came from, never the key or any part of it.
 */
public class InvalidCredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, without the key */
    public InvalidCredentialsException(String message) {
        super(message);
    }

    /** @param message what is wrong, without the key; @param cause a cause whose message holds no secret */
    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
