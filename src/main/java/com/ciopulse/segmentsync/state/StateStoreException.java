package com.ciopulse.segmentsync.state;

/** The state store could not be opened, read or written. Its message never holds the database password. */
public class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
