package com.ciopulse.segmentsync.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Every request in the order it arrived. A request is journaled on arrival with status 0, and its status is
 * filled in just before the answer is sent, so a test that has its response also sees the status here.
 */
final class RequestJournal {

    private final List<Entry> entries = new ArrayList<>(); // guarded by this

    /** One journaled request; {@link #answered(int)} records the status sent. */
    static final class Entry {
        private final RecordedRequest arrived;
        private volatile int status;

        private Entry(RecordedRequest arrived) {
            this.arrived = arrived;
        }

        void answered(int answeredStatus) {
            this.status = answeredStatus;
        }

        RecordedRequest snapshot() {
            return arrived.withStatus(status);
        }
    }

    synchronized Entry add(RecordedRequest arrived) {
        Entry entry = new Entry(arrived);
        entries.add(entry);
        return entry;
    }

    synchronized List<RecordedRequest> snapshot() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
