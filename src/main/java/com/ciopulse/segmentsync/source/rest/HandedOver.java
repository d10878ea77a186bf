package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The records this source already handed over and got outcomes for, by system id. A poll reads some of them again
 * (those at the watermark when the API's since is inclusive, the overlap, every record without an incremental
 * parameter); sending them again would only record a run of unchanged records in the history on every poll, so a
 * record is left out while it is here with the same fields and update time. Kept in memory only: after a restart
 * they are sent once more and end unchanged (change detection).
 */
final class HandedOver {

    /** What identifies a record's content: its fields without where it was read (page and position move). */
    private record Content(String segmentCode, String segmentName, String active, Instant mark) {
    }

    private final Map<String, Content> records = new HashMap<>();

    boolean contains(SegmentRecord record, Instant mark) {
        return record.systemId() != null && Objects.equals(records.get(record.systemId()), content(record, mark));
    }

    /**
     * Remembers the records of a poll whose outcomes came back; with {@code oldestReadAgain}, forgets those whose
     * update time lies before it (no poll reads them again).
     */
    void add(List<SegmentRecord> handed, List<Instant> marks, Instant oldestReadAgain) {
        for (int i = 0; i < handed.size(); i++) {
            if (handed.get(i).systemId() != null) {
                records.put(handed.get(i).systemId(), content(handed.get(i), marks.get(i)));
            }
        }
        if (oldestReadAgain != null) {
            records.values().removeIf(content -> content.mark() == null || content.mark().isBefore(oldestReadAgain));
        }
    }

    int size() {
        return records.size();
    }

    private static Content content(SegmentRecord record, Instant mark) {
        return new Content(record.segmentCode(), record.segmentName(), record.active(), mark);
    }
}
