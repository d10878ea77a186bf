package com.ciopulse.segmentsync.pipeline;

import static com.ciopulse.segmentsync.testsupport.SyncHarness.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer whose body comes without a length (chunked) reaches the per-record routes, which run without stream
 * caching, as a stream cache or bytes rather than as bytes of a known size: its message is still read, whether the
 * record came straight to the pipeline or through a source's route that caches streams.
 */
class ChunkedAnswerTest {

    private static final String REFUSAL = "{\"message\":\"segment_code must not be longer than 20 characters\"}";

    @TempDir
    Path dataDir;

    @Test
    void theMessageOfAChunkedErrorAnswerIsRead() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        api.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, 0); // 0: chunked, no Content-Length
            exchange.getResponseBody().write(REFUSAL.getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        api.start();
        Properties overrides = new Properties();
        overrides.setProperty("sync.segments-api.base-url", "http://127.0.0.1:" + api.getAddress().getPort() + "/api/v5");
        try (SyncHarness sync = SyncHarness.start(dataDir, overrides)) {
            sync.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:stream-caching-source").id("stream-caching-source").to("direct:segment-sync");
                }
            });

            SegmentOutcome direct = sync.sync(upsert("BU-1", "CODE", "Name", null));
            SegmentOutcome viaSource = sync.template.send("direct:stream-caching-source",
                    e -> e.getMessage().setBody(upsert("BU-2", "CODE", "Name", null)))
                    .getMessage().getBody(SegmentOutcome.class);

            for (SegmentOutcome outcome : new SegmentOutcome[] {direct, viaSource}) {
                assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
                assertThat(outcome.message()).isEqualTo("segment_code must not be longer than 20 characters");
            }
            assertThat(sync.beans.deadLetterStore().list(false)).extracting(DeadLetter::apiMessage)
                    .containsOnly("segment_code must not be longer than 20 characters");
        } finally {
            api.stop(0);
        }
    }
}
