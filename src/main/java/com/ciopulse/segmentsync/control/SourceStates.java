package com.ciopulse.segmentsync.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each source's last poll came to: read to the end, failed to read its system, or cut short after reading
 * part of its input. Readiness, the run report and the end of a {@code --once} run all take their word from here,
 * so none of them can say a source is fine while its input sits unsynced. Sources report through the shared poll
 * skeleton ({@code source.SourcePolls}) and the file drop's poll strategy; a user's own route reports nothing
 * and is not listed.
 */
public class SourceStates {

    public enum Status {
        /** Polled, but no poll has ended yet. */
        POLLING("polling"),
        /** Everything pending was read, has an outcome and was acknowledged. */
        READ("read to the end"),
        /** Its system could not be read (login refused, database missing, folder unreadable, ...). */
        FAILING("not read"),
        /** Part of its input was read but not acknowledged (halt, open circuit, state store, stop). */
        CUT_SHORT("cut short");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One source's state.
     *
     * @param failuresInARow polls that failed or were cut short since the last one read to the end
     * @param firstFailure   when that row of failures began, null without one
     * @param everRead       some poll read this source to the end since the states were last cleared
     */
    public record SourceState(String source, Status status, String reason, int failuresInARow, Instant firstFailure,
                              boolean everRead) {

        /** One line for a report: the status and, where there is one, the reason. */
        public String describe() {
            return reason == null ? status.label() : status.label() + ": " + reason;
        }
    }

    private final Clock clock;
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();

    public SourceStates(Clock clock) {
        this.clock = clock;
    }

    /** A poll of the source began; a source that had not polled yet is listed from now on. */
    public void polling(String source) {
        states.compute(source, (id, state) -> state != null ? state
                : new SourceState(id, Status.POLLING, null, 0, null, false));
    }

    /** A poll read everything the source had pending and acknowledged it. */
    public void read(String source) {
        states.put(source, new SourceState(source, Status.READ, null, 0, null, true));
    }

    /** A poll could not read the source's system. */
    public void failed(String source, String reason) {
        unsuccessful(source, Status.FAILING, reason);
    }

    /** A poll read part of the source's input but could not acknowledge it; the input is read again later. */
    public void cutShort(String source, String reason) {
        unsuccessful(source, Status.CUT_SHORT, reason);
    }

    private void unsuccessful(String source, Status status, String reason) {
        Instant now = clock.instant();
        states.compute(source, (id, state) -> state == null
                ? new SourceState(id, status, reason, 1, now, false)
                : new SourceState(id, status, reason, state.failuresInARow() + 1,
                        state.firstFailure() == null ? now : state.firstFailure(), state.everRead()));
    }

    /** The state of one source, null while it has not polled. */
    public SourceState get(String source) {
        return states.get(source);
    }

    /** Every source that polled, by id. */
    public Map<String, SourceState> snapshot() {
        return new TreeMap<>(states);
    }

    /** Forgets every state: a new run begins. */
    public void clear() {
        states.clear();
    }
}
