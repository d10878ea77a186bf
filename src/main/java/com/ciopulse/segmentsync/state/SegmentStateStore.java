package com.ciopulse.segmentsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The last accepted content per segment (table {@code segment_state}): the payload fields as JSON and their
 * SHA-256. Thread-safe: reads borrow their own connection; {@link #save} and {@link #forget} hand the write to a
 * {@link GroupCommitter} and return at once, with a future that completes when it is committed: the committer
 * writes whatever accumulated meanwhile in one transaction. Until then {@link #find} answers from the writes
 * handed in, so a later record of the same segment compares with the latest accepted content. Whoever
 * acknowledges a source waits for the futures first (see {@link CommitBarrier}). Runs on H2 and PostgreSQL (their
 * upserts differ). Close it before its data source.
 */
public final class SegmentStateStore implements AutoCloseable {

    /** What {@link #read} takes from a row. */
    private static final String SELECT_STATES = "SELECT system_id, payload, source, updated_at FROM segment_state";
    private static final String SELECT = SELECT_STATES + " WHERE system_id = ?";
    private static final String COLUMNS = "segment_state (content_hash, payload, source, updated_at, system_id)";
    private static final String H2_UPSERT = "MERGE INTO " + COLUMNS + " KEY (system_id) VALUES (?, ?, ?, ?, ?)";
    private static final String POSTGRESQL_UPSERT = "INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (system_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, payload = EXCLUDED.payload,"
            + " source = EXCLUDED.source, updated_at = EXCLUDED.updated_at";
    private static final String DELETE = "DELETE FROM segment_state WHERE system_id = ?";
    /** Read-ahead queries name this many ids; a shorter list repeats its first id, so there is one statement to prepare. */
    static final int READ_AHEAD_IDS = 64;
    private static final String SELECT_MANY = SELECT_STATES
            + " WHERE system_id IN (" + String.join(", ", Collections.nCopies(READ_AHEAD_IDS, "?")) + ")";
    /** Read-ahead answers not asked for (a record that failed validation, say) are dropped beyond this many. */
    private static final int READ_AHEAD_LIMIT = 16 * READ_AHEAD_IDS;
    private static final String SELECT_BY_SOURCE = SELECT_STATES + " WHERE source = ? ORDER BY system_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final GroupCommitter<Write> writes;
    /** The latest write handed in per system id, until it is committed (or failed). */
    private final Map<String, Write> uncommitted = new ConcurrentHashMap<>();
    // the committer thread's alone: the upsert of this database (known at its first write) and its payload buffers
    private String upsert;
    private final StatePayload payload = new StatePayload();
    /** States read ahead, each answering one {@link #find} at most (an empty Optional: no state stored). */
    private final Map<String, Optional<SegmentState>> readAhead = new ConcurrentHashMap<>();
    /** Ids a read-ahead query is reading, mapped to whether a write was handed in for them meanwhile. */
    private final Map<String, Boolean> beingReadAhead = new HashMap<>(); // only under readAheadLock
    private final Object readAheadLock = new Object();
    private final ReentrantLock oneReadAhead = new ReentrantLock();

    public SegmentStateStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.writes = new GroupCommitter<>(dataSource, "segment-sync-state-commit", this::write,
                write -> write.state() == null ? "cannot remove the sync state of segment '" + write.systemId() + "'"
                        : "cannot store the sync state of segment '" + write.systemId() + "'");
    }

    /** The state last saved for this segment: one not committed yet included; empty once forgotten. */
    public Optional<SegmentState> find(String systemId) {
        Write pending = uncommitted.get(systemId);
        if (pending != null) {
            return Optional.ofNullable(pending.state());
        }
        Optional<SegmentState> readBefore = readAhead.remove(systemId);
        if (readBefore != null) {
            return readBefore;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, systemId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot read the sync state of segment '" + systemId + "'", e);
        }
    }

    /**
     * Reads the states of these segments in one query (up to {@value #READ_AHEAD_IDS} ids), so that the next
     * {@link #find} of each answers from memory: a batch asks for the records it is about to send, and one query
     * then does the work of many. Only a hint: an answer that a write handed in meanwhile may have made stale is
     * dropped, and when the query fails, {@link #find} reads (and reports) as usual.
     */
    public void readAhead(List<String> systemIds) {
        List<String> ids = systemIds.stream().filter(Objects::nonNull).distinct().limit(READ_AHEAD_IDS).toList();
        // one read-ahead at a time (its marks are per id); another batch's records are then read by find()
        if (ids.isEmpty() || !oneReadAhead.tryLock()) {
            return;
        }
        try {
            readAheadLocked(ids);
        } finally {
            oneReadAhead.unlock();
        }
    }

    private void readAheadLocked(List<String> ids) {
        if (readAhead.size() > READ_AHEAD_LIMIT) {
            readAhead.clear();
        }
        // registered before the query reads, so that a write handed in meanwhile marks its id (hand()); a write not yet
        // committed may be committed after the query read the row: its id is marked at once
        synchronized (readAheadLock) {
            ids.forEach(id -> beingReadAhead.put(id, uncommitted.containsKey(id)));
        }
        Map<String, SegmentState> stored;
        try {
            stored = readStored(ids);
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            stored = null; // find() reads these one by one and reports a failure the way the pipeline expects
        }
        synchronized (readAheadLock) {
            for (String id : ids) {
                boolean written = beingReadAhead.remove(id);
                if (stored != null && !written) {
                    readAhead.put(id, Optional.ofNullable(stored.get(id)));
                }
            }
        }
    }

    private Map<String, SegmentState> readStored(List<String> ids) throws SQLException, JsonProcessingException {
        Map<String, SegmentState> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_MANY)) {
            for (int i = 0; i < READ_AHEAD_IDS; i++) {
                select.setString(i + 1, ids.get(i < ids.size() ? i : 0));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    SegmentState state = read(row);
                    stored.put(state.systemId(), state);
                }
            }
        }
        return stored;
    }

    /**
     * The segments a source owns: those whose accepted content it wrote last. Waits for the writes handed in
     * before to be committed (or failed) first, so that it reads what the database holds.
     */
    public List<SegmentState> ownedBy(String source) {
        CommitBarrier.await(writes.flush());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_BY_SOURCE)) {
            select.setString(1, source);
            List<SegmentState> owned = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    owned.add(read(row));
                }
            }
            return owned;
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("cannot read the segments source '" + source + "' owns", e);
        }
    }

    private static SegmentState read(ResultSet row) throws SQLException, JsonProcessingException {
        JsonNode fields = JSON.readTree(row.getString("payload"));
        return new SegmentState(row.getString("system_id"), text(fields, "segment_code"), text(fields, "segment_name"),
                text(fields, "active"), row.getString("source"), SqlTimes.read(row, "updated_at"));
    }

    /**
     * Hands the state to the committer; a field that is null keeps no value (it was never sent).
     *
     * @return completes when the state is committed, or exceptionally with a {@link StateStoreException}
     * @throws StateStoreException when this store is closed
     */
    public CompletableFuture<Void> save(SegmentState state) {
        return hand(new Write(state.systemId(), state));
    }

    /** Hands the removal of a segment's state to the committer, in order with the saves handed in before. */
    public CompletableFuture<Void> forget(String systemId) {
        return hand(new Write(systemId, null));
    }

    private CompletableFuture<Void> hand(Write write) {
        uncommitted.put(write.systemId(), write);
        synchronized (readAheadLock) {
            // a state read ahead before this write is stale now, and so may be one being read
            readAhead.remove(write.systemId());
            beingReadAhead.replace(write.systemId(), Boolean.TRUE);
        }
        CompletableFuture<Void> committed;
        try {
            committed = writes.submit(write);
        } catch (RuntimeException e) {
            uncommitted.remove(write.systemId(), write);
            throw e;
        }
        // committed or failed, the database answers for it from now on (unless a later write took its place)
        committed.whenComplete((ignored, error) -> uncommitted.remove(write.systemId(), write));
        return committed;
    }

    /** Commits the writes handed in before, then stops taking new ones. */
    @Override
    public void close() {
        writes.close();
    }

    /** A state to store, or with no state the removal of the segment's. */
    private record Write(String systemId, SegmentState state) {
    }

    /** Removes the forgotten, then upserts the others: a batch of statements each. Runs on the committer thread. */
    private void write(Connection connection, List<Write> batch) throws SQLException {
        // a segment may come more than once (saved, then changed by a later record): its last write is the one to keep
        Map<String, Write> latest = new LinkedHashMap<>();
        batch.forEach(write -> latest.put(write.systemId(), write));
        List<String> forgotten = new ArrayList<>();
        List<SegmentState> states = new ArrayList<>();
        latest.values().forEach(write -> {
            if (write.state() == null) {
                forgotten.add(write.systemId());
            } else {
                states.add(write.state());
            }
        });
        if (!forgotten.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                for (String systemId : forgotten) {
                    delete.setString(1, systemId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        if (states.isEmpty()) {
            return;
        }
        if (upsert == null) {
            upsert = upsertFor(connection.getMetaData().getDatabaseProductName());
        }
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (SegmentState state : states) {
                String json = payload.json(state);
                statement.setString(1, payload.hash(json));
                statement.setString(2, json);
                statement.setString(3, state.source());
                SqlTimes.bind(statement, 4, state.updatedAt());
                statement.setString(5, state.systemId());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** One statement per state, new or stored: an update, then an insert for the new ones cost twice as much. */
    private static String upsertFor(String databaseProductName) {
        return "H2".equals(databaseProductName) ? H2_UPSERT : POSTGRESQL_UPSERT;
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
