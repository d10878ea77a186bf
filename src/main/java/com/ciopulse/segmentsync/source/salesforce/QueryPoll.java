package com.ciopulse.segmentsync.source.salesforce;

import com.ciopulse.segmentsync.source.PolledRecord;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.source.PolledBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of a Salesforce query source while its pages come in: the SOQL, the component that runs it, the
 * records read so far (without those already handed over unchanged) and where the next page is. A poll of the
 * query source moves its watermark; a re-query for a subscription (the whole object, or named records) does not.
 * The route {@code salesforce-query-pages} reads its pages and hands its records over.
 */
public final class QueryPoll implements PolledBatch {

    private final SalesforceQuerySource source;
    private final String component;
    private final String soql;
    private final Instant stored;
    private final boolean watermarked;
    private final List<PolledRecord<Instant>> rows = new ArrayList<>();
    private String nextRecordsUrl;
    private int pages;
    private int read;

    QueryPoll(SalesforceQuerySource source, String component, String soql, Instant stored, boolean watermarked) {
        this.source = source;
        this.component = component;
        this.soql = soql;
        this.stored = stored;
        this.watermarked = watermarked;
    }

    /** Takes one page of the result (the raw JSON), as the poll's source reads it. */
    public static void addPage(QueryPoll poll, String page) {
        poll.source.addPage(poll, page);
    }

    /** Called once every record has an outcome: a watermarked poll moves the watermark past them. */
    @Override
    public void acknowledge(BatchResult result) {
        source.acknowledge(this, result);
    }

    /** The REST API version of the poll's source, e.g. 56.0. */
    public String apiVersion() {
        return source.apiVersion();
    }

    /** The name of this source's camel-salesforce component (its own org and login). */
    public String component() {
        return component;
    }

    public String soql() {
        return soql;
    }

    /** Whether the last page read names a next one. */
    public boolean hasMore() {
        return nextRecordsUrl != null;
    }

    /** The next page's URL, as the last page gave it ({@code /services/data/vNN.0/query/01g...-2000}). */
    public String nextRecordsUrl() {
        return nextRecordsUrl;
    }

    /** The records to hand to the pipeline, in SystemModstamp order. */
    @Override
    public List<SegmentRecord> records() {
        return rows.stream().map(PolledRecord::record).toList();
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    void addPage(List<PolledRecord<Instant>> fresh, int readOnPage, String next) {
        rows.addAll(fresh);
        read += readOnPage;
        pages++;
        nextRecordsUrl = next == null || next.isBlank() ? null : next;
    }

    boolean watermarked() {
        return watermarked;
    }

    List<PolledRecord<Instant>> rows() {
        return List.copyOf(rows);
    }

    /** The watermark the poll started from (before the overlap); null on the first poll. */
    Instant stored() {
        return stored;
    }

    /** Where the next poll starts once every record has an outcome: the highest SystemModstamp sent. */
    Instant next() {
        Instant next = stored;
        for (PolledRecord<Instant> row : rows) {
            if (row.mark() != null && (next == null || row.mark().isAfter(next))) {
                next = row.mark();
            }
        }
        return next;
    }

    @Override
    public String toString() {
        return rows.size() + " new of " + read + " records in " + pages + " page(s) "
                + (watermarked ? "since " + (stored == null ? "the start" : stored) : "re-queried");
    }
}
