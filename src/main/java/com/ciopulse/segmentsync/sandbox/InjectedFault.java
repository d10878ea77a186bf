package com.ciopulse.segmentsync.sandbox;

/** What {@link SandboxFaults} tells the handler to do with one request instead of serving it. */
record InjectedFault(Kind kind, int status, Integer retryAfterSeconds) {

    enum Kind {
        /** Answer {@link #status()} with the JSON error body. */
        FAIL,
        /** Keep the connection open without answering. */
        HANG,
        /** Close the connection without answering. */
        DROP
    }

    static final InjectedFault HANG = new InjectedFault(Kind.HANG, 0, null);
    static final InjectedFault DROP = new InjectedFault(Kind.DROP, 0, null);
    static final InjectedFault REJECT_CREDENTIALS = fail(401, null);

    static InjectedFault fail(int status, Integer retryAfterSeconds) {
        return new InjectedFault(Kind.FAIL, status, retryAfterSeconds);
    }

    /** The answer of a {@link Kind#FAIL}: the reference's wording for the statuses it lists. */
    ApiResponse toResponse() {
        ApiResponse response = ApiResponse.error(status, describe(status));
        return retryAfterSeconds == null ? response : response.withHeader("Retry-After", retryAfterSeconds.toString());
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "Field value invalid or missing or JSON is malformed";
            case 401 -> BasicCredentials.REJECTED;
            case 404 -> "A Segment with this System ID was not found";
            case 422 -> "Another Segment already has this Segment Code";
            case 500 -> "Transaction failed. Contact CIOPulse support for assistance.";
            default -> "Sandbox injected failure (HTTP " + status + ")";
        };
    }
}
