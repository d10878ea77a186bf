package com.ciopulse.segmentsync.source.file;

/**
 * A dropped file that cannot be read as a whole: empty, no header, the system id column missing, not JSON, no
 * array at the configured path. The file goes to the error folder with this message; no record of it is sent.
 */
public class DropFileException extends RuntimeException {

    public DropFileException(String message) {
        super(message);
    }

    public DropFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
