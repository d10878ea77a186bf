package com.ciopulse.segmentsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to send: status, JSON body and the headers besides {@code Content-Type}. */
record ApiResponse(int status, String body, Map<String, String> headers) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, String body) {
        return new ApiResponse(status, body, Map.of());
    }

    static ApiResponse error(int status, String message) {
        return json(status, ApiJson.message(status, message));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more);
    }
}
