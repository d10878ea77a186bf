package com.ciopulse.segmentsync.runner;

import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.SyncHaltedException;
import com.ciopulse.segmentsync.pipeline.SyncHeaders;
import com.ciopulse.segmentsync.pipeline.SyncProperties;
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
    /** How many superseded dead letters {@link #list} shows; it counts them all. */
    static final int SUPERSEDED_SHOWN = 20;

    private final DeadLetterStore store;
    private final PrintStream out;

    DeadLetterCommands(DeadLetterStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    /**
     * The open dead letters, then apart the last superseded ones: closed without a replay, since a later record of
     * their segment was accepted. Those a later state made stale are closed first, as a replay would.
     */
    int list() {
        store.supersedeStale(Instant.now());
        List<DeadLetter> open = store.list(false);
        out.println(open.size() + " open dead letter(s)");
        for (DeadLetter letter : open) {
            out.println(describe(letter));
        }
        int superseded = store.countSuperseded();
        if (superseded > 0) {
            List<DeadLetter> last = store.listSuperseded(SUPERSEDED_SHOWN);
            out.println(superseded + " superseded dead letter(s), not to be replayed: a later record of the same"
                    + " segment was accepted" + (superseded > last.size() ? "; the last " + last.size() + ":" : ":"));
            for (DeadLetter letter : last) {
                out.println("  " + describe(letter) + " -- superseded " + letter.supersededAt() + " by "
                        + letter.supersededBy());
            }
        }
        return 0;
    }

    private static String describe(DeadLetter letter) {
        return String.format("#%d %s %s %s system_id=%s status=%d attempts=%d %s: %s", letter.id(), letter.createdAt(),
                letter.source(), letter.sourceRef() == null ? "" : letter.sourceRef(),
                letter.systemId() == null ? "-" : letter.systemId(), letter.status(), letter.attempts(),
                letter.outcome().label(), letter.apiMessage());
    }

    /**
     * Replays each open dead letter once; one that fails again becomes a new dead letter. Exit 1 if any did. A
     * superseded one is never sent (a later record of its segment was accepted, so it holds older data), and those
     * a later accepted state or a newer open dead letter of the same segment makes stale are closed first.
     */
    int replay(ProducerTemplate producer, List<Long> ids) {
        int stale = store.supersedeStale(Instant.now());
        if (stale > 0) {
            out.printf("%d dead letter(s) closed as superseded, not sent: a record of the same segment was accepted"
                    + " since, or a newer one is open (--dead-letters list shows them)%n", stale);
        }
        List<DeadLetter> letters = ids.isEmpty() ? store.list(false)
                : ids.stream().map(id -> store.find(id).orElseThrow(
                        () -> new IllegalArgumentException("no dead letter #" + id))).toList();
        int failed = 0;
        for (DeadLetter letter : letters) {
            if (letter.replayedAt() != null) {
                out.printf("#%d was already replayed (%s)%n", letter.id(), letter.replayOutcome());
                continue;
            }
            if (letter.isSuperseded()) {
                out.printf("#%d not sent: superseded by %s (%s)%n", letter.id(), letter.supersededBy(),
                        letter.supersededAt());
                continue;
            }
            if (letter.systemId() == null || (letter.payload() == null && letter.action() != SegmentAction.DELETE)) {
                out.printf("#%d cannot be replayed: the input itself was invalid (%s); fix it in the source%n",
                        letter.id(), letter.apiMessage());
                failed++;
                continue;
            }
            Exchange result = producer.send("direct:segment-sync", e -> {
                e.getMessage().setBody(toRecord(letter));
                e.getMessage().setHeader(SyncHeaders.MODE, SyncHeaders.MODE_REPLAY);
                e.setProperty(SyncProperties.REPLAY_OF, letter.id());
            });
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
