package com.ciopulse.segmentsync.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox: journals each request, applies the injected faults, checks the credentials and
 * hands the rest to {@link SegmentsApi}.
 */
final class SandboxHttpHandler implements HttpHandler {

    /** JSON is UTF-8 (RFC 8259); saying so keeps clients whose default charset differs from decoding it wrong. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpHandler.class);

    private final BasicCredentials credentials;
    private final SegmentsApi api;
    private final SandboxFaults faults;
    private final RequestJournal journal;
    private final ScheduledExecutorService hangReleaser;
    private final Duration hangLimit;

    SandboxHttpHandler(BasicCredentials credentials, SegmentsApi api, SandboxFaults faults, RequestJournal journal,
                       ScheduledExecutorService hangReleaser, Duration hangLimit) {
        this.credentials = credentials;
        this.api = api;
        this.faults = faults;
        this.journal = journal;
        this.hangReleaser = hangReleaser;
        this.hangLimit = hangLimit;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (IOException clientGone) {
            LOG.debug("Sandbox could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    clientGone.toString());
            exchange.close();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt(); // the sandbox is closing while this answer waited out its latency
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RequestJournal.Entry journaled = journal.add(arrived(exchange, body));
        ConcurrencyCap cap = faults.cap();
        if (!cap.enter()) {
            ApiResponse throttled = cap.throttled();
            journaled.answered(throttled.status());
            send(exchange, throttled);
            return;
        }
        ApiResponse response;
        try {
            response = serveWithinCap(exchange, body);
        } finally {
            cap.leave();
        }
        if (response != null) {
            journaled.answered(response.status());
            send(exchange, response);
        }
    }

    /** The answer to send, or null when an injected fault hung or dropped the request. */
    private ApiResponse serveWithinCap(HttpExchange exchange, byte[] body) throws InterruptedException {
        Optional<InjectedFault> fault = faults.takeNext();
        InjectedFault.Kind kind = fault.map(InjectedFault::kind).orElse(null);
        if (kind == InjectedFault.Kind.HANG) {
            hang(exchange);
            return null;
        }
        sleep(faults.latency());
        if (kind == InjectedFault.Kind.DROP) {
            exchange.close(); // before any header was sent this closes the connection itself
            return null;
        }
        return fault.map(InjectedFault::toResponse).orElseGet(() -> answer(exchange, body));
    }

    private ApiResponse answer(HttpExchange exchange, byte[] body) {
        if (!credentials.accept(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return ApiResponse.error(401, BasicCredentials.REJECTED);
        }
        URI uri = exchange.getRequestURI();
        try {
            return api.handle(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), body);
        } catch (RuntimeException bug) {
            LOG.error("Sandbox failed on {} {}", exchange.getRequestMethod(), uri, bug);
            return ApiResponse.error(500, "Transaction failed. Contact CIOPulse support for assistance."
                    + " (sandbox error: " + bug + ")");
        }
    }

    /** Leaves the exchange open without an answer; it is closed after the hang limit or when the server stops. */
    private void hang(HttpExchange exchange) {
        try {
            hangReleaser.schedule(exchange::close, hangLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    private static void sleep(Duration latency) throws InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
    }

    private static RecordedRequest arrived(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        return new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8), Instant.now(), 0);
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", CONTENT_TYPE);
        response.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD"); // HEAD answers carry no body
        exchange.sendResponseHeaders(response.status(), head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
