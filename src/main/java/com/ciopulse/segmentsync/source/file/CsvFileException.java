package com.ciopulse.segmentsync.source.file;

/** A CSV file that cannot be read as a whole (no header, a mapped column missing, broken quoting). */
public class CsvFileException extends RuntimeException {

    public CsvFileException(String message) {
        super(message);
    }

    public CsvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
