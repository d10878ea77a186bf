package com.ciopulse.segmentsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A JDK HttpClient aimed at a sandbox, sending its credentials and raw (already encoded) paths as given. */
final class SandboxClient {

    static final String PORTAL_CODE = "ABC123";
    static final String API_KEY = "SMzYECYJYLpNw8PrfX8EtPO2tcP0XaKJvZ4FW5VL";

    private final SegmentsSandbox sandbox;
    private final HttpClient http;

    SandboxClient(SegmentsSandbox sandbox) {
        this(sandbox, HttpClient.newHttpClient());
    }

    SandboxClient(SegmentsSandbox sandbox, HttpClient http) {
        this.sandbox = sandbox;
        this.http = http;
    }

    /** A request to {@code baseUrl()/segments + rawSuffix} with the sandbox's credentials. */
    HttpRequest.Builder request(String rawSuffix) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/segments" + rawSuffix))
                .header("Authorization", sandbox.authorizationHeader())
                .timeout(Duration.ofSeconds(5));
    }

    static HttpRequest put(HttpRequest.Builder request, String json) {
        return request.header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)).build();
    }

    HttpResponse<String> put(String rawId, String json) {
        return send(put(request("/" + rawId), json));
    }

    HttpResponse<String> get(String rawId) {
        return send(request("/" + rawId).GET().build());
    }

    HttpResponse<String> list() {
        return send(request("").GET().build());
    }

    HttpResponse<String> delete(String rawId) {
        return send(request("/" + rawId).DELETE().build());
    }

    /** Sends and waits, for requests that must be answered. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return sendOrFail(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends and waits, passing on the I/O error a dropped or hung request produces. */
    HttpResponse<String> sendOrFail(HttpRequest request) throws IOException {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, BodyHandlers.ofString());
    }
}
