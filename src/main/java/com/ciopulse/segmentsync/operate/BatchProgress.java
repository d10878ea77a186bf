package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** One batch being synced: how many records ended so far, for the {@link ProgressLog}. Thread-safe. */
public final class BatchProgress {

    private final String source;
    private final long expected;
    private final long runSize;
    private final long runDone;
    private final long startedNanos;
    private final Consumer<BatchProgress> onFinish;
    private final LongAdder done = new LongAdder();
    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

    BatchProgress(String source, long expected, long startedNanos, Consumer<BatchProgress> onFinish) {
        this(source, expected, -1, 0, startedNanos, onFinish);
    }

    BatchProgress(String source, long expected, long runSize, long runDone, long startedNanos,
                  Consumer<BatchProgress> onFinish) {
        this.source = source;
        this.expected = expected;
        this.runSize = runSize;
        this.runDone = runDone;
        this.startedNanos = startedNanos;
        this.onFinish = onFinish;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    /** The source whose records the batch holds. */
    public String source() {
        return source;
    }

    /** How many records the batch holds, or -1 when the source cannot tell. */
    public long expected() {
        return expected;
    }

    /** How many records of the batch ended so far. */
    public long done() {
        return done.sum();
    }

    /** The records of the whole this batch is part of (a file sent in chunks), or -1 when the batch is the whole. */
    public long runSize() {
        return runSize;
    }

    /** How many records of the whole the parts before this batch held. */
    public long runDone() {
        return runDone;
    }

    /** The records to count to: those of the whole when the batch is part of one, else the batch's (-1: unknown). */
    public long total() {
        return runSize >= 0 ? runSize : expected;
    }

    /** The records counted so far towards {@link #total()}. */
    public long counted() {
        return (runSize >= 0 ? runDone : 0) + done.sum();
    }

    /** A record of the batch ended (with or without an outcome: a failed dispatch counts as done too). */
    public void recordDone(SegmentOutcome outcome) {
        done.increment();
        if (outcome != null) {
            outcomes.get(outcome.outcome()).increment();
        }
    }

    /** Stops tracking and logs the batch's summary at INFO. */
    public void finish(String ending) {
        onFinish.accept(this);
        ProgressLog.LOG.info("{}", describeSummary(System.nanoTime(), ending));
    }

    String describeProgress(long nowNanos) {
        long count = counted();
        long total = total();
        double seconds = seconds(nowNanos);
        double rate = seconds > 0 ? done.sum() / seconds : 0;
        StringBuilder text = new StringBuilder(source).append(": ").append(count);
        if (total >= 0) {
            text.append(" of ").append(total).append(" records (")
                    .append(total == 0 ? 100 : count * 100 / total).append(" %)");
        } else {
            text.append(" records");
        }
        text.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (total >= 0 && rate > 0) {
            text.append(", about ").append(human(Duration.ofSeconds((long) Math.ceil((total - count) / rate))))
                    .append(" left");
        } else if (total >= 0 && count < total) {
            text.append(", no record ended yet");
        }
        return text.toString();
    }

    String describeSummary(long nowNanos, String ending) {
        long count = done.sum();
        double seconds = seconds(nowNanos);
        String counts = outcomes.entrySet().stream().filter(e -> e.getValue().sum() > 0)
                .map(e -> e.getKey().label() + " " + e.getValue().sum()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s: batch %s, %d records in %s (%.1f/s)%s", source, ending, count,
                human(Duration.ofMillis((long) (seconds * 1000))), seconds > 0 ? count / seconds : 0.0,
                counts.isEmpty() ? "" : ": " + counts);
    }

    private double seconds(long nowNanos) {
        return (nowNanos - startedNanos) / 1e9;
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
