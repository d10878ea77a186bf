package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Each injected fault, seen from a client over real HTTP. */
class SandboxFaultsTest extends SandboxHttpTestSupport {

    private static final String VICTORIA = "{\"segment_name\": \"Victoria\", \"segment_code\": \"VIC\"}";

    @Test
    void latencyDelaysEveryAnswer() {
        sandbox.faults().latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        HttpResponse<String> response = client.get("NOPE");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void failNextAnswersTheStatusWithRetryAfterAndHasNoEffect() {
        sandbox.faults().failNext(2, 503, 7);

        HttpResponse<String> first = client.put("SEG1", VICTORIA);
        HttpResponse<String> second = client.list();
        HttpResponse<String> third = client.put("SEG1", VICTORIA);

        assertError(first, 503, "Sandbox injected failure (HTTP 503)");
        assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(201);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 201);
    }

    @Test
    void failNextWithoutRetryAfterUsesTheReferenceWording() {
        sandbox.seed(SandboxSegment.active("SEG1", "VIC", "Victoria"));
        sandbox.faults().failNext(1, 500);

        HttpResponse<String> response = client.delete("SEG1");

        assertThat(response.body())
                .isEqualTo("{\"message\":\"Transaction failed. Contact CIOPulse support for assistance.\",\"status\":500}");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sandbox.segment("SEG1")).isPresent();
    }

    @Test
    void throttlingAnswers429AtOnceAboveTheCapAndServesAgainBelowIt() {
        sandbox.faults().latency(Duration.ofMillis(500)).throttleAbove(1, 2);
        CompletableFuture<HttpResponse<String>> served = client.sendAsync(client.request("").GET().build());
        await().atMost(Duration.ofSeconds(2)).until(() -> sandbox.requests().size() == 1);

        long started = System.nanoTime();
        HttpResponse<String> throttled = client.put("SEG1", VICTORIA);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
        assertError(throttled, 429, "Too many requests at once (at most 1)");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(served.join().statusCode()).isEqualTo(200);
        assertThat(client.put("SEG1", VICTORIA).statusCode()).isEqualTo(201);
        sandbox.faults().stopThrottling().latency(Duration.ZERO);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(200, 429, 201);
        assertThat(sandbox.segment("SEG1")).isPresent();
    }

    @Test
    void faultsQueueInTheOrderTheyWereSet() {
        sandbox.faults().failNext(1, 429, 1).failNext(1, 500);

        assertThat(client.list().statusCode()).isEqualTo(429);
        assertThat(client.list().statusCode()).isEqualTo(500);
        assertThat(client.list().statusCode()).isEqualTo(200);
    }

    @Test
    void hangNextLetsTheClientTimeOutWhileOtherRequestsAreServed() {
        sandbox.faults().hangNext(1);
        CompletableFuture<HttpResponse<String>> hung = client.sendAsync(
                client.request("").timeout(Duration.ofMillis(500)).GET().build());
        await().atMost(Duration.ofSeconds(2)).until(() -> sandbox.requests().size() == 1);

        HttpResponse<String> parallel = client.put("SEG1", VICTORIA);

        assertThat(parallel.statusCode()).isEqualTo(201);
        assertThatThrownBy(hung::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(0, 201);
    }

    @Test
    void closeReturnsPromptlyAndEndsHungRequests() {
        SegmentsSandbox own = SegmentsSandbox.start(0, SandboxClient.PORTAL_CODE, SandboxClient.API_KEY);
        SandboxClient ownClient = new SandboxClient(own);
        own.faults().hangNext(1);
        CompletableFuture<HttpResponse<String>> hung = ownClient.sendAsync(ownClient.request("").GET().build());
        await().atMost(Duration.ofSeconds(2)).until(() -> own.requests().size() == 1);

        long started = System.nanoTime();
        own.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(hung::join).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void dropNextClosesTheConnectionWithoutAnswerAndHasNoEffect() {
        sandbox.faults().dropNext(1);
        HttpRequest put = SandboxClient.put(client.request("/SEG1"), VICTORIA);

        assertThatThrownBy(() -> client.sendOrFail(put)).isInstanceOf(IOException.class);
        assertThat(sandbox.segments()).isEmpty();
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(0);
        assertThat(client.put("SEG1", VICTORIA).statusCode()).isEqualTo(201);
    }

    @Test
    void theJdkClientRetriesADroppedGetOnceByItself() {
        sandbox.faults().dropNext(1);

        HttpResponse<String> retried = client.get("NOPE");
        sandbox.faults().dropNext(2);

        assertThat(retried.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> client.sendOrFail(client.request("/NOPE").GET().build()))
                .isInstanceOf(IOException.class);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(0, 404, 0, 0);
    }

    @Test
    void rejectCredentialsAnswers401UntilSwitchedOff() {
        sandbox.faults().rejectCredentials(true);

        HttpResponse<String> rejected = client.put("SEG1", VICTORIA);
        sandbox.faults().rejectCredentials(false);
        HttpResponse<String> accepted = client.put("SEG1", VICTORIA);

        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.body()).isEqualTo("{\"message\":\"Invalid security credentials\",\"status\":401}");
        assertThat(accepted.statusCode()).isEqualTo(201);
    }

    @Test
    void clearRemovesEveryFault() {
        sandbox.faults().latency(Duration.ofSeconds(5)).failNext(3, 500).rejectCredentials(true);

        sandbox.faults().clear();

        assertThat(client.list().statusCode()).isEqualTo(200);
    }
}
