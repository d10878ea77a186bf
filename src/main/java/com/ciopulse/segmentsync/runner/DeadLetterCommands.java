package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.SyncHaltedException;
import com.ciopulse.segmentsync.segment.SegmentAction;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.state.DeadLetter;
import com.ciopulse.segmentsync.state.DeadLetterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** {@code --dead-letters list} and {@code --dead-letters replay [ID ...]}. */
final class DeadLetterCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetterStore store;
    private final PrintStream out;

    DeadLetterCommands(DeadLetterStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    int list() {
        List<DeadLetter> open = store.list(false);
        out.println(open.size() + " open dead letter(s)");
        for (DeadLetter letter : open) {
            out.printf("#%d %s %s %s system_id=%s status=%d attempts=%d %s: %s%n", letter.id(), letter.createdAt(),
                    letter.source(), letter.sourceRef() == null ? "" : letter.sourceRef(),
                    letter.systemId() == null ? "-" : letter.systemId(), letter.status(), letter.attempts(),
                    letter.outcome().label(), letter.apiMessage());
        }
        return 0;
    }

    /** Replays each open dead letter once; one that fails again becomes a new dead letter. Exit 1 if any did. */
    int replay(ProducerTemplate producer, List<Long> ids) {
        List<DeadLetter> letters = ids.isEmpty() ? store.list(false)
                : ids.stream().map(id -> store.find(id).orElseThrow(
                        () -> new IllegalArgumentException("no dead letter #" + id))).toList();
        int failed = 0;
        for (DeadLetter letter : letters) {
            if (letter.replayedAt() != null) {
                out.printf("#%d was already replayed (%s)%n", letter.id(), letter.replayOutcome());
                continue;
            }
            if (letter.systemId() == null || (letter.payload() == null && letter.action() != SegmentAction.DELETE)) {
                out.printf("#%d cannot be replayed: the input itself was invalid (%s); fix it in the source%n",
                        letter.id(), letter.apiMessage());
                failed++;
                continue;
            }
            Exchange result = producer.send("direct:segment-sync", e -> e.getMessage().setBody(toRecord(letter)));
            if (result.getException() instanceof SyncHaltedException halted) {
                out.println("Stopped: " + halted.getMessage());
                return 2;
            }
            if (result.getException() != null) {
                throw new IllegalStateException("replay of #" + letter.id() + " failed", result.getException());
            }
            SegmentOutcome outcome = result.getMessage().getBody(SegmentOutcome.class);
            store.markReplayed(letter.id(), Instant.now(), outcome.outcome().label());
            out.printf("#%d replayed: %s%n", letter.id(), outcome);
            if (!outcome.outcome().success()) {
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static SegmentRecord toRecord(DeadLetter letter) {
        String ref = "dead letter #" + letter.id() + (letter.sourceRef() == null ? "" : " (" + letter.sourceRef() + ")");
        SegmentAction action = letter.action();
        if (action == SegmentAction.DELETE) {
            return new SegmentRecord(letter.source(), ref, letter.systemId(), null, null, null, action);
        }
        try {
            JsonNode payload = JSON.readTree(letter.payload());
            return new SegmentRecord(letter.source(), ref, letter.systemId(), text(payload, "segment_code"),
                    text(payload, "segment_name"), text(payload, "active"), action);
        } catch (Exception e) {
            throw new IllegalStateException("dead letter #" + letter.id() + " holds an unreadable payload", e);
        }
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
