package com.ciopulse.segmentsync.outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts every record's outcome per source and keeps the failures for the run report. Thread-safe: the
 * pipeline records outcomes from several threads at once.
 */
public class OutcomeRecorder {

    /** The report lists at most this many failed records; the counts stay exact. */
    static final int MAX_LISTED_FAILURES = 200;
    /** The report lists at most this many cleaned names; the count stays exact and the log has every one. */
    static final int MAX_LISTED_CLEANED = 20;

    private final Clock clock;
    private final Map<String, Map<Outcome, LongAdder>> countsBySource = new ConcurrentHashMap<>();
    /** Records sent with values changed from what their source supplied, per source. */
    private final Map<String, LongAdder> sanitizedBySource = new ConcurrentHashMap<>();
    /** What sources read beyond their records' outcomes, by source and label (see {@link #input}). */
    private final Map<String, Map<String, LongAdder>> inputsBySource = new ConcurrentHashMap<>();
    private final List<SegmentOutcome> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Per source: how many names were cleaned, and the first of them (before and after) for the report. */
    private final Map<String, LongAdder> cleanedBySource = new ConcurrentHashMap<>();
    private final List<String> cleanedListed = new ArrayList<>();
    /** Per source, where it looked and found nothing to read, and how to give it something (see {@link #foundNothing}). */
    private final Map<String, String> foundNothing = new ConcurrentHashMap<>();
    private final AtomicBoolean halted = new AtomicBoolean();
    private final List<Consumer<SegmentOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Instant startedAt;

    public OutcomeRecorder() {
        this(Clock.systemUTC());
    }

    public OutcomeRecorder(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Hears every recorded outcome, across runs (the metrics count there). */
    public void onRecord(Consumer<SegmentOutcome> listener) {
        listeners.add(listener);
    }

    public void record(SegmentOutcome outcome) {
        listeners.forEach(listener -> listener.accept(outcome));
        countsBySource.computeIfAbsent(outcome.source(), s -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome.outcome(), o -> new LongAdder())
                .increment();
        if (!outcome.sanitized().isEmpty()) {
            sanitizedBySource.computeIfAbsent(outcome.source(), s -> new LongAdder()).increment();
        }
        if (outcome.outcome() == Outcome.HALTED) {
            halted.set(true);
        }
        // a halted record is read again once the sync resumes: the report's one HALTED line stands for all of them
        if (!outcome.outcome().success() && outcome.outcome() != Outcome.HALTED) {
            synchronized (failures) {
                if (failures.size() < MAX_LISTED_FAILURES) {
                    failures.add(outcome);
                }
            }
        }
    }

    /** A line for the run report beyond the counts: a reconcile plan, a guard that stopped a run. */
    public void note(String text) {
        synchronized (notes) {
            notes.add(text);
        }
    }

    /**
     * A record went to the API with the characters the API calls invalid in its name replaced (see
     * {@code NameCleaning}): a count and the first few, before and after, in the run report. The log has the change
     * already, in the record's line of sanitized values.
     */
    public void nameCleaned(SegmentOutcome outcome, String before, String after) {
        String change = outcome.systemId() + (outcome.sourceRef() == null ? "" : " (" + outcome.sourceRef() + ")")
                + ": '" + before + "' -> '" + after + "'";
        cleanedBySource.computeIfAbsent(outcome.source(), s -> new LongAdder()).increment();
        synchronized (cleanedListed) {
            if (cleanedListed.size() < MAX_LISTED_CLEANED) {
                cleanedListed.add(outcome.source() + '\n' + change);
            }
        }
    }

    /** The report's lines of the cleaned names: per source the count, then the first ones listed. */
    private List<String> cleanedNotes() {
        List<String> listed;
        synchronized (cleanedListed) {
            listed = List.copyOf(cleanedListed);
        }
        List<String> lines = new ArrayList<>();
        new TreeMap<>(cleanedBySource).forEach((source, count) -> {
            long n = count.sum();
            StringBuilder note = new StringBuilder(source + ": " + n + " segment_name" + (n == 1 ? "" : "s")
                    + " cleaned for the API (dashes other than '-' and colons became '-'; sync.segments.clean-names):");
            long shown = 0;
            for (String entry : listed) {
                if (entry.startsWith(source + '\n')) {
                    note.append("\n  ").append(entry.substring(source.length() + 1));
                    shown++;
                }
            }
            if (shown < n) {
                note.append("\n  ... and ").append(n - shown).append(" more (each in the log)");
            }
            lines.add(note.toString());
        });
        return lines;
    }

    /**
     * Counts what a source read beyond its records' outcomes, for its line in the run report: the files it took, the
     * rows a later row of the same file superseded, the warnings about a file as a whole (see {@link RunReport}).
     *
     * @param facts by label ({@value RunReport#FILES}, {@value RunReport#SUPERSEDED}, ...), how many
     */
    public void input(String source, Map<String, Long> facts) {
        Map<String, LongAdder> bySource = inputsBySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>());
        facts.forEach((label, n) -> bySource.computeIfAbsent(label, l -> new LongAdder()).add(n));
    }

    /**
     * A source looked and found no input at all (an empty drop folder): the report says where it looked and how to
     * give it some, unless the source read something else in this run.
     *
     * @param advice e.g. {@code no file in /srv/drop; put a .csv file there}
     */
    public void foundNothing(String source, String advice) {
        foundNothing.put(source, advice);
    }

    public long count(String source, Outcome outcome) {
        LongAdder adder = countsBySource.getOrDefault(source, Map.of()).get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    public long total(Outcome outcome) {
        return countsBySource.values().stream()
                .map(counts -> counts.get(outcome))
                .filter(adder -> adder != null)
                .mapToLong(LongAdder::sum)
                .sum();
    }

    public long deadLettered() {
        return total(Outcome.REJECTED) + total(Outcome.CONFLICT) + total(Outcome.FAILED);
    }

    public boolean halted() {
        return halted.get();
    }

    /** A run that wrote nothing on purpose (a reconcile guard): it did not sync what it should have. */
    public void stopped() {
        stopped.set(true);
    }

    /** Starts a new run: counts and failures are cleared. */
    public void reset() {
        countsBySource.clear();
        sanitizedBySource.clear();
        inputsBySource.clear();
        synchronized (failures) {
            failures.clear();
        }
        synchronized (notes) {
            notes.clear();
        }
        cleanedBySource.clear();
        foundNothing.clear();
        synchronized (cleanedListed) {
            cleanedListed.clear();
        }
        halted.set(false);
        stopped.set(false);
        startedAt = clock.instant();
    }

    /** A consistent copy of what was recorded so far. */
    public RunReport snapshot() {
        Map<String, Map<Outcome, Long>> counts = new TreeMap<>();
        countsBySource.forEach((source, bySource) -> {
            Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
            bySource.forEach((outcome, adder) -> copy.put(outcome, adder.sum()));
            counts.put(source, copy);
        });
        List<SegmentOutcome> listed;
        synchronized (failures) {
            listed = List.copyOf(failures);
        }
        List<String> noted = new ArrayList<>(cleanedNotes());
        new TreeMap<>(foundNothing).forEach((source, advice) -> {
            if (!countsBySource.containsKey(source) && !inputsBySource.containsKey(source)) {
                noted.add(source + ": " + advice);
            }
        });
        synchronized (notes) {
            noted.addAll(notes);
        }
        Map<String, Long> sanitized = new TreeMap<>();
        sanitizedBySource.forEach((source, adder) -> sanitized.put(source, adder.sum()));
        Map<String, Map<String, Long>> inputs = new TreeMap<>();
        inputsBySource.forEach((source, bySource) -> {
            Map<String, Long> copy = new TreeMap<>();
            bySource.forEach((label, adder) -> copy.put(label, adder.sum()));
            inputs.put(source, copy);
        });
        return new RunReport(counts, listed, noted, deadLettered(), halted(), stopped.get(), Map.of(), false,
                Duration.between(startedAt, clock.instant()), sanitized, inputs);
    }
}
