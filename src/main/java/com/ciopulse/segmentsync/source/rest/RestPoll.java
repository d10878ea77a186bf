package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.source.PolledBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of a REST source, page by page: the page to request next, the records read so far, the latest update
 * time among them, and the pages that could not be read. The route loops while {@link #pending()}.
 */
public final class RestPoll implements PolledBatch {

    private final RestSource source;
    private final Instant stored;
    private final List<SegmentRecord> records = new ArrayList<>();
    private final List<Instant> marks = new ArrayList<>();
    private int skipped;
    private final List<String> failedPages = new ArrayList<>();
    private String pageUrl;
    private int pages;
    private int rateLimited;
    private long waitMillis;
    private boolean cutShort;
    private Instant latest;
    private String pageProblem;
    private String readPageRef;

    RestPoll(RestSource source, String firstUrl, Instant stored) {
        this.source = source;
        this.pageUrl = firstUrl;
        this.stored = stored;
    }

    /** Whether a page is still to be requested. */
    public boolean pending() {
        return pageUrl != null;
    }

    /** The page to request now. */
    public String pageUrl() {
        return pageUrl;
    }

    /** How long to wait before the request (a rate limit's Retry-After); 0 normally. */
    public long waitMillis() {
        return waitMillis;
    }

    /** How the page just requested is named in logs and dead letters: {@code page 2 (URL)}. */
    public String pageRef() {
        return "page " + (pages + 1) + " (" + pageUrl + ")";
    }

    /** How the page read last is named: {@code page 2 (URL)}. */
    public String readPageRef() {
        return readPageRef;
    }

    /** Why the page read last could not be read; null when it could. */
    public String pageProblem() {
        return pageProblem;
    }

    /** The records of every page read, in page order. */
    @Override
    public List<SegmentRecord> records() {
        return records;
    }

    @Override
    public boolean isEmpty() {
        return records.isEmpty();
    }

    @Override
    public void acknowledge(BatchResult result) {
        source.acknowledge(this, result);
    }

    /** Whether every page was read: no page failed and the poll was not cut short at maxPages. */
    public boolean complete() {
        return failedPages.isEmpty() && !cutShort;
    }

    Instant stored() {
        return stored;
    }

    /** The watermark once every record has an outcome: the latest update time read, never going back. */
    Instant next() {
        return Marks.later(stored, latest);
    }

    int pages() {
        return pages;
    }

    List<String> failedPages() {
        return failedPages;
    }

    int rateLimitedInARow() {
        return rateLimited;
    }

    void waitBeforeRetry(long millis) {
        rateLimited++;
        waitMillis = millis;
    }

    /** The records sent, as {@code HandedOverRows} remembers them. */
    List<ReadRecord> read() {
        List<ReadRecord> read = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            read.add(ReadRecord.of(records.get(i), marks.get(i)));
        }
        return read;
    }

    void add(SegmentRecord record, Instant mark) {
        records.add(record);
        marks.add(mark);
        latest = Marks.later(latest, mark);
    }

    /** A record read again as it was handed over before: not sent, but the watermark may still pass it. */
    void skip(Instant mark) {
        skipped++;
        latest = Marks.later(latest, mark);
    }

    /** The page was read (its records added, or {@code problem} says why not); {@code next} is the following one. */
    void pageDone(String problem, String next) {
        readPageRef = pageRef();
        pageProblem = problem;
        if (problem != null) {
            failedPages.add(pageRef() + ": " + problem);
        }
        pages++;
        rateLimited = 0;
        waitMillis = 0;
        pageUrl = next;
    }

    void cutShort() {
        cutShort = true;
        pageUrl = null;
    }

    @Override
    public String toString() {
        return records.size() + " records" + (skipped == 0 ? "" : " (and " + skipped + " handed over before)")
                + " from " + pages + " page(s) since "
                + (stored == null ? "the start" : stored.toString());
    }
}
