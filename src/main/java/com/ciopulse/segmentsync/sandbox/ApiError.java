package com.ciopulse.segmentsync.sandbox;

/** An error answer of the Segments API: the status and the description that goes in its JSON body. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false); // an expected answer, not a bug: no stack trace
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    int status() {
        return status;
    }

    ApiResponse toResponse() {
        return ApiResponse.error(status, getMessage());
    }
}
