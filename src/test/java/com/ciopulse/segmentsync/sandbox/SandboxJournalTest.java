package com.ciopulse.segmentsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The request journal, direct setup of state, and serving many clients at once. */
class SandboxJournalTest extends SandboxHttpTestSupport {

    @Test
    void journalRecordsTheRawPathQueryHeadersBodyAndStatus() {
        String body = "{\"segment_code\": \"C1\", \"segment_name\": \"Zürich: Nord\"}";

        client.put("a%2Fb&clean", body);
        client.get("a%2Fb?x=1");

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(requests).hasSize(2);
        RecordedRequest put = requests.get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo("/api/v5/segments/a%2Fb&clean");
        assertThat(put.rawQuery()).isNull();
        assertThat(put.body()).isEqualTo(body);
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.header("authorization")).hasValue(sandbox.authorizationHeader());
        assertThat(put.header("CONTENT-TYPE")).hasValue("application/json");
        RecordedRequest get = requests.get(1);
        assertThat(get.rawPath()).isEqualTo("/api/v5/segments/a%2Fb");
        assertThat(get.rawQuery()).isEqualTo("x=1");
        assertThat(get.body()).isEmpty();
        assertThat(get.status()).isEqualTo(200);
    }

    @Test
    void journalTimesEachArrivalBeforeAnInjectedLatencyAndCountsTheRequests() {
        sandbox.faults().latency(Duration.ofMillis(300));
        Instant before = Instant.now();

        client.get("A");
        client.get("B");

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(sandbox.requestCount()).isEqualTo(2);
        assertThat(requests.get(0).arrivedAt()).isBetween(before, requests.get(1).arrivedAt());
        // the second arrived once the first had waited out its latency: the arrival, not the answer, is timed
        assertThat(Duration.between(requests.get(0).arrivedAt(), requests.get(1).arrivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void clearRequestsEmptiesOnlyTheJournal() {
        client.put("SEG1", "{\"segment_code\": \"C1\", \"segment_name\": \"N\"}");

        sandbox.clearRequests();

        assertThat(sandbox.requests()).isEmpty();
        assertThat(sandbox.segments()).hasSize(1);
    }

    @Test
    void segmentsKeepCreationOrderAndSeedReplacesInPlace() {
        sandbox.seed(SandboxSegment.active("B", "CB", "Bee"));
        client.put("A", "{\"segment_code\": \"CA\", \"segment_name\": \"Ay\"}");
        sandbox.seed(new SandboxSegment("B", "CB", "Bee 2", "N"));

        assertThat(sandbox.segments()).containsExactly(
                new SandboxSegment("B", "CB", "Bee 2", "n"), SandboxSegment.active("A", "CA", "Ay"));
    }

    @Test
    void seedRefusesACodeAnotherSegmentHas() {
        sandbox.seed(SandboxSegment.active("A", "C1", "Ay"));

        assertThatThrownBy(() -> sandbox.seed(SandboxSegment.active("B", "C1", "Bee")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'C1' already belongs to system_id 'A'");
    }

    @Test
    void surveyResponsesNeedAnExistingSegment() {
        assertThatThrownBy(() -> sandbox.addSurveyResponse("NOPE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCreatesAreAllStored() {
        List<CompletableFuture<HttpResponse<String>>> puts = IntStream.range(0, 64)
                .mapToObj(i -> client.sendAsync(SandboxClient.put(client.request("/S" + i),
                        "{\"segment_code\": \"C" + i + "\", \"segment_name\": \"N" + i + "\"}")))
                .toList();

        assertThat(puts).allSatisfy(put -> assertThat(put.join().statusCode()).isEqualTo(201));
        assertThat(sandbox.segments()).hasSize(64);
        assertThat(sandbox.requests()).hasSize(64);
    }

    @Test
    void concurrentCreatesOfOneCodeLetExactlyOneWin() {
        List<Integer> statuses = IntStream.range(0, 32)
                .mapToObj(i -> client.sendAsync(SandboxClient.put(client.request("/S" + i),
                        "{\"segment_code\": \"SAME\", \"segment_name\": \"N" + i + "\"}")))
                .toList().stream()
                .map(put -> put.join().statusCode())
                .toList();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 422).hasSize(31);
        assertThat(sandbox.segments()).hasSize(1);
    }
}
