package com.ciopulse.segmentsync.state;

import com.ciopulse.segmentsync.outcome.Outcome;
import com.ciopulse.segmentsync.segment.SegmentAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters in the state store. Every call borrows its own connection and commits before it returns,
 * so one instance serves any number of threads.
 *
 * <p>An entry is open until it is replayed or superseded. {@link #supersede} closes the open entries of a segment
 * once a later record of it was accepted; it is called for every accepted record, so it asks the database only for
 * the system ids this instance knows to have open entries (read at its first call, then kept as entries are added),
 * and for every record once there are more than {@link #TRACKED_IDS} of those. Those closings go to a
 * {@link GroupCommitter}, many in one transaction: a commit, not an indexed update, is what they cost (about 12 ms
 * each on an H2 file on a busy disk). Entries another instance adds meanwhile are found by {@link #supersedeStale},
 * which list and replay run first. Close it before its data source when it closed any.
 */
public final class DeadLetterStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final CompletableFuture<Void> NOTHING_TO_CLOSE = CompletableFuture.completedFuture(null);

    /** Beyond this many system ids with open entries (a long outage), every accepted record asks the database. */
    static final int TRACKED_IDS = 100_000;

    private static final String COLUMNS = "id, source, source_ref, system_id, action, payload, status, outcome,"
            + " api_message, attempts, created_at, replayed_at, replay_outcome, superseded_at, superseded_by";
    private static final String OPEN = "replayed_at IS NULL AND superseded_at IS NULL";

    private static final String INSERT = "INSERT INTO dead_letter (source, source_ref, system_id, action, payload,"
            + " status, outcome, api_message, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM dead_letter ORDER BY id";
    private static final String SELECT_OPEN = "SELECT " + COLUMNS + " FROM dead_letter WHERE " + OPEN + " ORDER BY id";
    private static final String SELECT_SUPERSEDED = "SELECT " + COLUMNS + " FROM dead_letter"
            + " WHERE superseded_at IS NOT NULL ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?";
    private static final String COUNT_OPEN = "SELECT COUNT(*) FROM dead_letter WHERE " + OPEN;
    private static final String COUNT_SUPERSEDED = "SELECT COUNT(*) FROM dead_letter WHERE superseded_at IS NOT NULL";
    private static final String COUNT_OF_RUN = "SELECT COUNT(*) FROM dead_letter WHERE (source = ? OR ? IS NULL)"
            + " AND created_at >= ? AND created_at <= ?";
    // the IS NULL conditions make the replay-once rule atomic: of two concurrent calls, one updates the row, and a
    // superseded entry is never marked replayed
    private static final String MARK_REPLAYED = "UPDATE dead_letter SET replayed_at = ?, replay_outcome = ?"
            + " WHERE id = ? AND " + OPEN;
    private static final String OPEN_SYSTEM_IDS = "SELECT DISTINCT system_id FROM dead_letter"
            + " WHERE system_id IS NOT NULL AND " + OPEN;
    // open written so that no index serves it: H2, without statistics, took the index on replayed_at (a scan of
    // every open entry per closing) over the one on system_id
    private static final String SUPERSEDE = "UPDATE dead_letter SET superseded_at = ?, superseded_by = ?"
            + " WHERE system_id = ? AND id < ? AND COALESCE(replayed_at, superseded_at) IS NULL";
    // an accepted state newer than the entry: it was written after the entry was stored
    private static final String SUPERSEDE_BY_STATE = "UPDATE dead_letter SET superseded_at = ?, superseded_by ="
            + " (SELECT 'a record accepted later from ' || COALESCE(s.source, 'an unnamed source') FROM segment_state s"
            + " WHERE s.system_id = dead_letter.system_id)"
            + " WHERE " + OPEN + " AND EXISTS (SELECT 1 FROM segment_state s"
            + " WHERE s.system_id = dead_letter.system_id AND s.updated_at > dead_letter.created_at)";
    // of the open entries of one segment only the newest holds what its source said last
    private static final String NEWER_OPEN = " FROM dead_letter n WHERE n.system_id = dead_letter.system_id"
            + " AND n.id > dead_letter.id AND n.replayed_at IS NULL AND n.superseded_at IS NULL";
    private static final String SUPERSEDE_BY_NEWER = "UPDATE dead_letter SET superseded_at = ?, superseded_by ="
            + " (SELECT 'dead letter #' || CAST(MAX(n.id) AS VARCHAR(20))" + NEWER_OPEN + ")"
            + " WHERE system_id IS NOT NULL AND " + OPEN + " AND EXISTS (SELECT 1" + NEWER_OPEN + ")";

    private final DataSource dataSource;
    /** System ids that may have open entries: every one that has some is here, unless {@link #untracked}. */
    private final Set<String> mayBeOpen = ConcurrentHashMap.newKeySet();
    private final Object loading = new Object();
    private volatile boolean loaded;
    private volatile boolean untracked;
    /** Commits the closings; started at the first one, as most instances never close any. */
    private GroupCommitter<Closing> closings;
    private boolean closed;

    /** A store on the state store's {@link StateStore#dataSource()} (or any data source holding its schema). */
    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores a new entry; it is committed when this returns.
     *
     * @param entry an entry without id and not replayed (see {@link DeadLetter#of})
     * @return the entry as stored: with its id, times cut to the microsecond
     */
    public DeadLetter add(DeadLetter entry) {
        if (entry.id() != null || !entry.isOpen()) {
            throw new IllegalArgumentException("add takes a new entry (no id, not replayed), got id " + entry.id());
        }
        Instant createdAt = SqlTimes.storable(entry.createdAt());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setString(1, entry.source());
            insert.setString(2, entry.sourceRef());
            insert.setString(3, entry.systemId());
            insert.setString(4, entry.action().name());
            insert.setString(5, entry.payload());
            insert.setInt(6, entry.status());
            insert.setString(7, entry.outcome().label());
            insert.setString(8, entry.apiMessage());
            insert.setInt(9, entry.attempts());
            SqlTimes.bind(insert, 10, createdAt);
            insert.executeUpdate();
            DeadLetter stored;
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new dead letter");
                }
                stored = entry.withId(keys.getLong(1), createdAt);
            }
            track(entry.systemId());
            return stored;
        } catch (SQLException e) {
            throw new StateStoreException("cannot store the dead letter for " + describe(entry), e);
        }
    }

    /**
     * The entries in the order they were added: the open ones, or all (replayed and superseded too) when
     * {@code includeClosed}.
     */
    public List<DeadLetter> list(boolean includeClosed) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(includeClosed ? SELECT_ALL : SELECT_OPEN);
             ResultSet rows = select.executeQuery()) {
            return readAll(rows);
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the dead letters", e);
        }
    }

    /** The last {@code limit} superseded entries, the newest first. */
    public List<DeadLetter> listSuperseded(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_SUPERSEDED)) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                return readAll(rows);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the superseded dead letters", e);
        }
    }

    /** How many entries a later accepted record closed. */
    public int countSuperseded() {
        return count(COUNT_SUPERSEDED, "cannot count the superseded dead letters");
    }

    /**
     * How many entries a run produced: those of its source (any source when null) stored while it ran. A
     * source runs one batch at a time, so the time window names the run's entries.
     */
    public int countOfRun(String source, Instant startedAt, Instant finishedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_OF_RUN)) {
            count.setString(1, source);
            count.setString(2, source);
            SqlTimes.bind(count, 3, SqlTimes.storable(startedAt));
            SqlTimes.bind(count, 4, SqlTimes.storable(finishedAt));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the dead letters of a run", e);
        }
    }

    /** The entry with this id, replayed or not. */
    public Optional<DeadLetter> find(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read dead letter " + id, e);
        }
    }

    /** How many entries wait for a replay. */
    public int countOpen() {
        return count(COUNT_OPEN, "cannot count the open dead letters");
    }

    private int count(String sql, String failure) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(sql);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new StateStoreException(failure, e);
        }
    }

    /**
     * Closes the open entries of a segment because a later record of it was accepted: replaying one would send
     * older data than the API holds now. Asks the database only when this instance knows of open entries for
     * {@code systemId} (or tracks too many to know), so it costs nothing for most records; then it hands the update
     * to the committer and returns at once.
     *
     * @param by     what was accepted, e.g. {@code file-drop units.csv:2 (created)}
     * @param before only entries with a lower id (older) are closed; null for all. A replay passes the id of the
     *               entry it sends, which stays open until it is marked replayed.
     * @return completes once the entries are closed, or exceptionally with a {@link StateStoreException}; whoever
     *         acknowledges the record's source waits for it (see {@link CommitBarrier})
     */
    public CompletableFuture<Void> supersede(String systemId, String by, Instant at, Long before) {
        Objects.requireNonNull(by, "by");
        if (systemId == null) {
            return NOTHING_TO_CLOSE;
        }
        loadOpenSystemIds();
        if (!untracked && !mayBeOpen.contains(systemId)) {
            return NOTHING_TO_CLOSE;
        }
        if (before == null) {
            // forgotten before the update, not after: an entry added meanwhile puts its id back
            mayBeOpen.remove(systemId);
        }
        try {
            return closings().submit(new Closing(systemId, by, SqlTimes.storable(at),
                    before == null ? Long.MAX_VALUE : before));
        } catch (RuntimeException e) {
            track(systemId);
            throw e;
        }
    }

    private synchronized GroupCommitter<Closing> closings() {
        if (closed) {
            throw new StateStoreException("the dead letter store is closed", null);
        }
        if (closings == null) {
            closings = new GroupCommitter<>(dataSource, "segment-sync-dead-letter-commit", this::closeSuperseded,
                    this::failed);
        }
        return closings;
    }

    /** Runs on the committer thread, inside its transaction. */
    private void closeSuperseded(Connection connection, List<Closing> batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SUPERSEDE)) {
            for (Closing closing : batch) {
                SqlTimes.bind(update, 1, closing.at());
                update.setString(2, closing.by());
                update.setString(3, closing.systemId());
                update.setLong(4, closing.before());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    LOG.info("Closed {} open dead letter(s) of {} as superseded by {}", counts[i],
                            batch.get(i).systemId(), batch.get(i).by());
                }
            }
        }
    }

    /**
     * Names a closing whose transaction failed. Called before its caller learns of the failure, so it also puts the
     * system id back: the next accepted record of the segment tries again.
     */
    private String failed(Closing closing) {
        track(closing.systemId());
        return "cannot close the dead letters of system_id '" + closing.systemId() + "' superseded by " + closing.by();
    }

    /** Commits the closings handed in before, then takes no more. */
    @Override
    public void close() {
        GroupCommitter<Closing> committer;
        synchronized (this) {
            closed = true;
            committer = closings;
        }
        if (committer != null) {
            committer.close();
        }
    }

    /** The open entries of a segment older than {@code before} to close. */
    private record Closing(String systemId, String by, Instant at, long before) {
    }

    /**
     * Closes the open entries that a later accepted state of their segment made stale (whichever instance stored
     * it), and those of a segment with a newer open entry: only what the source said last is replayed.
     *
     * @return how many entries it closed
     */
    public int supersedeStale(Instant at) {
        Instant stored = SqlTimes.storable(Objects.requireNonNull(at, "at"));
        try (Connection connection = dataSource.getConnection()) {
            int closed = 0;
            for (String sql : List.of(SUPERSEDE_BY_STATE, SUPERSEDE_BY_NEWER)) {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    SqlTimes.bind(update, 1, stored);
                    closed += update.executeUpdate();
                }
            }
            return closed;
        } catch (SQLException e) {
            throw new StateStoreException("cannot close the superseded dead letters", e);
        }
    }

    /** Reads the system ids with open entries once, at the first call that needs them. */
    private void loadOpenSystemIds() {
        if (loaded) {
            return;
        }
        synchronized (loading) {
            if (loaded) {
                return;
            }
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(OPEN_SYSTEM_IDS);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    track(rows.getString(1));
                }
            } catch (SQLException e) {
                throw new StateStoreException("cannot read which segments have open dead letters", e);
            }
            loaded = true;
        }
    }

    private void track(String systemId) {
        if (systemId == null || untracked) {
            return;
        }
        mayBeOpen.add(systemId);
        if (mayBeOpen.size() > TRACKED_IDS) {
            untracked = true;
            mayBeOpen.clear();
        }
    }

    /**
     * Records that an open entry was replayed. An entry is replayed once: a replay that fails again is the
     * caller's new dead letter, not a second mark on this one.
     *
     * @param replayOutcome what the replay gave, e.g. {@code accepted} or {@code rejected}
     * @return false when there is no entry with this id, or it was already replayed or superseded
     */
    public boolean markReplayed(long id, Instant at, String replayOutcome) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(replayOutcome, "replayOutcome");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(MARK_REPLAYED)) {
            SqlTimes.bind(update, 1, at);
            update.setString(2, replayOutcome);
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StateStoreException("cannot mark dead letter " + id + " replayed", e);
        }
    }

    private static DeadLetter read(ResultSet row) throws SQLException {
        return new DeadLetter(
                row.getLong("id"),
                row.getString("source"),
                row.getString("source_ref"),
                row.getString("system_id"),
                SegmentAction.valueOf(row.getString("action")),
                row.getString("payload"),
                row.getInt("status"),
                Outcome.ofLabel(row.getString("outcome")),
                row.getString("api_message"),
                row.getInt("attempts"),
                SqlTimes.read(row, "created_at"),
                SqlTimes.read(row, "replayed_at"),
                row.getString("replay_outcome"),
                SqlTimes.read(row, "superseded_at"),
                row.getString("superseded_by"));
    }

    private static List<DeadLetter> readAll(ResultSet rows) throws SQLException {
        List<DeadLetter> entries = new ArrayList<>();
        while (rows.next()) {
            entries.add(read(rows));
        }
        return entries;
    }

    private static String describe(DeadLetter entry) {
        return "source '" + entry.source() + "' system_id '" + entry.systemId() + "'";
    }
}
