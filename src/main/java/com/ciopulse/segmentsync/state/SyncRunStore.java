package com.ciopulse.segmentsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The history of sync runs. Thread-safe: every call borrows its own connection and commits. */
public final class SyncRunStore {

    private static final String INSERT = "INSERT INTO sync_run (mode, source, started_at) VALUES (?, ?, ?)";
    private static final String FINISH = "UPDATE sync_run SET finished_at = ?, outcome_counts = ?"
            + " WHERE id = ? AND finished_at IS NULL";
    private static final String SELECT_RECENT = "SELECT id, mode, source, started_at, finished_at, outcome_counts"
            + " FROM sync_run ORDER BY id DESC FETCH FIRST ? ROWS ONLY";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() { };

    private final DataSource dataSource;

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
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(at, "at");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setString(1, mode);
            insert.setString(2, source);
            SqlTimes.bind(insert, 3, at);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new sync run");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the start of a " + mode + " sync run", e);
        }
    }

    /**
     * Records that a run finished, with how many records ended in each outcome.
     *
     * @throws IllegalStateException when there is no such run or it already finished
     */
    public void finish(long id, Instant at, Map<String, Long> outcomeCounts) {
        Objects.requireNonNull(at, "at");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(FINISH)) {
            SqlTimes.bind(update, 1, at);
            update.setString(2, JSON.writeValueAsString(new TreeMap<>(outcomeCounts)));
            update.setLong(3, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("sync run " + id + " does not exist or has already finished");
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot record the end of sync run " + id, e);
        }
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

    private static SyncRun read(ResultSet row) throws SQLException, JsonProcessingException {
        String counts = row.getString("outcome_counts");
        return new SyncRun(row.getLong("id"), row.getString("mode"), row.getString("source"),
                SqlTimes.read(row, "started_at"),
                SqlTimes.read(row, "finished_at"),
                counts == null ? Map.of() : Collections.unmodifiableMap(JSON.readValue(counts, COUNTS)));
    }
}
