package com.ciopulse.segmentsync.source.salesforce;

/** A poll of a Salesforce source failed (login, query, a page that could not be read); nothing was acknowledged. */
public class SalesforceSourceException extends RuntimeException {

    public SalesforceSourceException(String message) {
        super(message, null);
    }
}
