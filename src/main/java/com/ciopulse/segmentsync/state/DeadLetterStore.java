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
import javax.sql.DataSource;

/**
 * The dead letters in the state store. Every call borrows its own connection and commits before it returns,
 * so one instance serves any number of threads.
 */
public final class DeadLetterStore {

    private static final String COLUMNS = "id, source, source_ref, system_id, action, payload, status, outcome,"
            + " api_message, attempts, created_at, replayed_at, replay_outcome";

    private static final String INSERT = "INSERT INTO dead_letter (source, source_ref, system_id, action, payload,"
            + " status, outcome, api_message, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM dead_letter ORDER BY id";
    private static final String SELECT_OPEN = "SELECT " + COLUMNS + " FROM dead_letter WHERE replayed_at IS NULL ORDER BY id";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?";
    private static final String COUNT_OPEN = "SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL";
    private static final String COUNT_OF_RUN = "SELECT COUNT(*) FROM dead_letter WHERE (source = ? OR ? IS NULL)"
            + " AND created_at >= ? AND created_at <= ?";
    // the IS NULL condition makes the replay-once rule atomic: of two concurrent calls, one updates the row
    private static final String MARK_REPLAYED = "UPDATE dead_letter SET replayed_at = ?, replay_outcome = ?"
            + " WHERE id = ? AND replayed_at IS NULL";

    private final DataSource dataSource;

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
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new dead letter");
                }
                return entry.withId(keys.getLong(1), createdAt);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot store the dead letter for " + describe(entry), e);
        }
    }

    /** The entries in the order they were added; replayed ones only when {@code includeReplayed}. */
    public List<DeadLetter> list(boolean includeReplayed) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(includeReplayed ? SELECT_ALL : SELECT_OPEN);
             ResultSet rows = select.executeQuery()) {
            List<DeadLetter> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(read(rows));
            }
            return entries;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the dead letters", e);
        }
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_OPEN);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the open dead letters", e);
        }
    }

    /**
     * Records that an open entry was replayed. An entry is replayed once: a replay that fails again is the
     * caller's new dead letter, not a second mark on this one.
     *
     * @param replayOutcome what the replay gave, e.g. {@code accepted} or {@code rejected}
     * @return false when there is no entry with this id or it was already replayed
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
                row.getString("replay_outcome"));
    }

    private static String describe(DeadLetter entry) {
        return "source '" + entry.source() + "' system_id '" + entry.systemId() + "'";
    }
}
