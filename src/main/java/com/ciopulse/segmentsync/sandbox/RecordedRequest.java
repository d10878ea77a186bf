package com.ciopulse.segmentsync.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the sandbox received, as it came over the wire.
 *
 * @param method   the HTTP method
 * @param rawPath  the path exactly as sent, not percent-decoded (e.g. {@code /api/v5/segments/a%2Fb&clean})
 * @param rawQuery the query as sent, without the {@code ?}; {@code null} when the URL had none
 * @param headers  the request headers; the map looks names up case-insensitively
 * @param body     the request body decoded as UTF-8 (empty when there was none)
 * @param arrivedAt when the request had been read, before any injected fault or latency applied
 * @param status   the status the sandbox answered; {@code 0} when it dropped the connection, hung, or has not
 *                 answered yet
 */
public record RecordedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              String body, Instant arrivedAt, int status) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header (name in any case), if it was sent. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(values -> values.get(0));
    }

    RecordedRequest withStatus(int answeredStatus) {
        return new RecordedRequest(method, rawPath, rawQuery, headers, body, arrivedAt, answeredStatus);
    }
}
