package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Up to {@link DropFileReader#CHUNK_SIZE} consecutive records of a file: those to send, and those the file itself
 * rules out. Handing a file to the pipeline chunk by chunk keeps memory flat (a batch's answer holds an outcome
 * per record).
 */
public final class FileChunk {

    /** How validation messages name the field: {@code ...: field 'active': 'maybe' is not one of ...}. */
    private static final Pattern FIELD_AND_REASON = Pattern.compile(": field '([^']*)': (.*)", Pattern.DOTALL);

    private final FileResult result;
    private final long rowsBefore;
    private final long fileRows;
    private final List<MappedRow> toSend = new ArrayList<>();
    private final List<Refusal> refused = new ArrayList<>();
    private final List<ResultRow> overridden = new ArrayList<>();

    FileChunk(FileResult result, long rowsBefore, long fileRows) {
        this.result = result;
        this.rowsBefore = rowsBefore;
        this.fileRows = fileRows;
    }

    /** How many rows of the file the chunks before this one held: the file's progress when this one starts. */
    public long rowsBefore() {
        return rowsBefore;
    }

    /** How many rows the whole file holds. */
    public long fileRows() {
        return fileRows;
    }

    void send(MappedRow row) {
        toSend.add(row);
    }

    void refuse(Refusal refusal) {
        refused.add(refusal);
    }

    void override(MappedRow row, long byLine) {
        overridden.add(new ResultRow(row.row().ordinal(), row.row().line(), row.record().systemId(),
                FileResult.SUPERSEDED, null, "line " + byLine + " has the same system_id; the last row wins"));
    }

    int size() {
        return toSend.size() + refused.size() + overridden.size();
    }

    /** The records for the pipeline, in file order. */
    public List<SegmentRecord> records() {
        return toSend.stream().map(MappedRow::record).toList();
    }

    /** The records the file rules out; each needs its outcome recorded (and dead-lettered) without any call. */
    public List<Refusal> refused() {
        return refused;
    }

    /**
     * Adds every record of the chunk to the file's result, listed in file order, and every value sanitized on the way. Call it once the pipeline answered
     * for {@link #records()} and the refused ones were recorded.
     */
    public void sent(BatchResult batch) {
        List<ResultRow> listed = new ArrayList<>(overridden);
        refused.forEach(r -> listed.add(new ResultRow(r.ordinal(), r.line(), r.record().systemId(), r.outcome().label(),
                r.field(), r.reason())));
        for (int i = 0; i < toSend.size(); i++) {
            SegmentOutcome outcome = batch.outcomes().get(i);
            if (!outcome.sanitized().isEmpty()) {
                SourceRow row = toSend.get(i).row();
                result.sanitized(row.ordinal(), row.line(), outcome.systemId(), outcome.sanitized());
            }
            if (outcome.outcome().success()) {
                result.count(outcome.outcome().label());
            } else {
                listed.add(listedRow(toSend.get(i), outcome));
            }
        }
        listed.sort(Comparator.comparingInt(ResultRow::record));
        listed.forEach(result::list);
    }

    private static ResultRow listedRow(MappedRow row, SegmentOutcome outcome) {
        String message = outcome.message() == null ? "" : outcome.message();
        Matcher field = FIELD_AND_REASON.matcher(message);
        boolean named = field.find();
        return new ResultRow(row.row().ordinal(), row.row().line(), outcome.systemId(), outcome.outcome().label(),
                named ? field.group(1) : null, named ? field.group(2) : message);
    }
}
