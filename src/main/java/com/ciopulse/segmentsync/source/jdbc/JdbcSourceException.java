package com.ciopulse.segmentsync.source.jdbc;

/**
 * A poll of a JDBC source failed: the database could not be reached or the query failed. The source keeps its
 * watermark and tries again later. The message names the source, table and URL, never the password.
 */
public class JdbcSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JdbcSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
