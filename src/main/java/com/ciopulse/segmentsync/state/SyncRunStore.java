package com.ciopulse.segmentsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The history of sync runs. Thread-safe: every call borrows its own connection and commits.
 *
 * <p>A run is open from {@link #start} until {@link #finish} or {@link #interrupt}. While it is open, the process
 * that started it says so with {@link #beat} every few seconds (with its counts so far), so that a run whose
 * process was killed can be told from one still running on another instance: {@link #closeSilentRuns} closes the
 * first kind as interrupted and leaves the second alone. This store remembers the runs it started and has not
 * ended: those are the ones its {@link #beat} keeps alive and its {@link #interruptOpenRuns} closes.
 */
public final class SyncRunStore {

    private static final String INSERT = "INSERT INTO sync_run (mode, source, started_at, heartbeat_at)"
            + " VALUES (?, ?, ?, ?)";
    // a run closed for lack of heartbeat while its process was alive after all (a long pause, a store outage)
    // gets its true end from that process
    private static final String REOPENABLE = "(finished_at IS NULL OR interrupted = '" + SyncRun.NO_HEARTBEAT + "')";
    private static final String END = "UPDATE sync_run SET finished_at = ?, outcome_counts = COALESCE(?, outcome_counts),"
            + " heartbeat_at = ?, interrupted = ? WHERE id = ? AND " + REOPENABLE;
    private static final String BEAT = "UPDATE sync_run SET heartbeat_at = ?, outcome_counts = COALESCE(?, outcome_counts),"
            + " finished_at = NULL, interrupted = NULL WHERE id = ? AND " + REOPENABLE;
    // a run ends where its process was last heard of: its last counts belong to that moment
    private static final String CLOSE_SILENT = "UPDATE sync_run SET finished_at = COALESCE(heartbeat_at, started_at),"
            + " interrupted = '" + SyncRun.NO_HEARTBEAT + "'"
            + " WHERE finished_at IS NULL AND COALESCE(heartbeat_at, started_at) < ?";
    private static final String SELECT_RECENT = "SELECT id, mode, source, started_at, finished_at, outcome_counts,"
            + " heartbeat_at, interrupted FROM sync_run ORDER BY id DESC FETCH FIRST ? ROWS ONLY";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() { };
    /** For a run whose counts only its end knows: its heartbeat keeps what is stored. */
    private static final Supplier<Map<String, Long>> NO_COUNTS_SO_FAR = () -> null;

    private final DataSource dataSource;
    /** The runs this store started and has not ended, with what tells their counts so far. */
    private final Map<Long, Supplier<Map<String, Long>>> openRuns = new ConcurrentHashMap<>();

    /** A store on the state store's {@link StateStore#dataSource()}. */
    public SyncRunStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Records that a run started; returns its id for {@link #finish}. */
    public long start(String mode, Instant at) {
        return start(mode, null, at);
    }

    /** Records that a run of one source started; returns its id for {@link #finish}. */
    public long start(String mode, String source, Instant at) {
        return start(mode, source, at, NO_COUNTS_SO_FAR);
    }

    /**
     * Records that a run started ({@code source} null for a run over all sources); returns its id for
     * {@link #finish}. Each {@link #beat} stores what {@code countsSoFar} gives (null: keep what is stored), so a
     * killed run keeps the counts it had reached.
     */
    public long start(String mode, String source, Instant at, Supplier<Map<String, Long>> countsSoFar) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(countsSoFar, "countsSoFar");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setString(1, mode);
            insert.setString(2, source);
            SqlTimes.bind(insert, 3, at);
            SqlTimes.bind(insert, 4, at);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new sync run");
                }
                long id = keys.getLong(1);
                openRuns.put(id, countsSoFar);
                return id;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the start of a " + mode + " sync run", e);
        }
    }

    /**
     * Records that a run finished, its input read to the end, with how many records ended in each outcome.
     *
     * @throws IllegalStateException when there is no such run or it already ended
     */
    public void finish(long id, Instant at, Map<String, Long> outcomeCounts) {
        end(id, at, Objects.requireNonNull(outcomeCounts, "outcomeCounts"), null);
    }

    /**
     * Records that a run was cut short by its own process (SIGTERM, a stop of its source) before its input was read
     * to the end: it shows as interrupted ({@link SyncRun#STOPPED}) with these counts, or with its last stored ones
     * when {@code countsSoFar} is null.
     *
     * @throws IllegalStateException when there is no such run or it already ended
     */
    public void interrupt(long id, Instant at, Map<String, Long> countsSoFar) {
        end(id, at, countsSoFar, SyncRun.STOPPED);
    }

    private void end(long id, Instant at, Map<String, Long> counts, String interrupted) {
        Objects.requireNonNull(at, "at");
        // forgotten first: a run whose end cannot be stored must not be kept alive by this process's heartbeat
        openRuns.remove(id);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(END)) {
            SqlTimes.bind(update, 1, at);
            bindCounts(update, 2, counts);
            SqlTimes.bind(update, 3, at);
            update.setString(4, interrupted);
            update.setLong(5, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("sync run " + id + " does not exist or has already finished");
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot record the end of sync run " + id, e);
        }
    }

    /**
     * Says that this process still runs its open runs, storing their counts so far. A run another instance closed
     * meanwhile for lack of heartbeat (this process paused, or lost the store, for a while) is open again.
     */
    public void beat(Instant at) {
        Objects.requireNonNull(at, "at");
        if (openRuns.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(BEAT)) {
            for (Map.Entry<Long, Supplier<Map<String, Long>>> run : openRuns.entrySet()) {
                SqlTimes.bind(update, 1, at);
                bindCounts(update, 2, run.getValue().get());
                update.setLong(3, run.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot record the heartbeat of " + openRuns.size() + " open sync runs", e);
        }
    }

    /**
     * Closes as interrupted ({@link SyncRun#NO_HEARTBEAT}) every open run, of any instance, whose process was last
     * heard of before {@code now - silence}: it was killed or crashed. The run ends at its last heartbeat and keeps
     * the counts stored then. {@code silence} must be several heartbeat intervals, so that a live instance's runs
     * are never closed.
     *
     * @return how many runs were closed
     */
    public int closeSilentRuns(Instant now, Duration silence) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(CLOSE_SILENT)) {
            SqlTimes.bind(update, 1, now.minus(silence));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot close the sync runs silent since " + now.minus(silence), e);
        }
    }

    /**
     * Closes every run this store started and has not ended as interrupted ({@link SyncRun#STOPPED}), with its
     * counts so far: for a process that stops before its runs could end.
     *
     * @return how many runs were closed
     */
    public int interruptOpenRuns(Instant at) {
        int closed = 0;
        for (Map.Entry<Long, Supplier<Map<String, Long>>> run : List.copyOf(openRuns.entrySet())) {
            try {
                interrupt(run.getKey(), at, run.getValue().get());
                closed++;
            } catch (IllegalStateException e) {
                // ended meanwhile by the thread that ran it
            }
        }
        return closed;
    }

    /** The last {@code n} runs, newest first. */
    public List<SyncRun> recent(int n) {
        if (n < 1) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_RECENT)) {
            select.setInt(1, n);
            try (ResultSet rows = select.executeQuery()) {
                List<SyncRun> runs = new ArrayList<>();
                while (rows.next()) {
                    runs.add(read(rows));
                }
                return runs;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot read the last " + n + " sync runs", e);
        }
    }

    private static void bindCounts(PreparedStatement statement, int index, Map<String, Long> counts)
            throws SQLException, JsonProcessingException {
        if (counts == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, JSON.writeValueAsString(new TreeMap<>(counts)));
        }
    }

    private static SyncRun read(ResultSet row) throws SQLException, JsonProcessingException {
        String counts = row.getString("outcome_counts");
        return new SyncRun(row.getLong("id"), row.getString("mode"), row.getString("source"),
                SqlTimes.read(row, "started_at"),
                SqlTimes.read(row, "finished_at"),
                counts == null ? Map.of() : Collections.unmodifiableMap(JSON.readValue(counts, COUNTS)),
                SqlTimes.read(row, "heartbeat_at"),
                row.getString("interrupted"));
    }
}
