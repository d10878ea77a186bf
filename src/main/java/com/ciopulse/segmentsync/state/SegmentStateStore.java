package com.ciopulse.segmentsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The last accepted content per segment (table {@code segment_state}): the payload fields as JSON and their
 * SHA-256. Thread-safe: reads borrow their own connection; {@link #save} goes through a {@link GroupCommitter},
 * which commits the states saved at the same moment on many threads in one transaction. Writes for one system id
 * are serialized by the pipeline, so an update-then-insert is enough here. Close it before its data source.
 */
public final class SegmentStateStore implements AutoCloseable {

    private static final String SELECT = "SELECT system_id, payload, source, updated_at FROM segment_state"
            + " WHERE system_id = ?";
    private static final String UPDATE = "UPDATE segment_state SET content_hash = ?, payload = ?, source = ?,"
            + " updated_at = ? WHERE system_id = ?";
    private static final String INSERT = "INSERT INTO segment_state (content_hash, payload, source, updated_at,"
            + " system_id) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM segment_state WHERE system_id = ?";
    private static final String SELECT_BY_SOURCE = "SELECT system_id, payload, source, updated_at FROM segment_state"
            + " WHERE source = ? ORDER BY system_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final GroupCommitter<SegmentState> saves;

    public SegmentStateStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.saves = new GroupCommitter<>(dataSource, "segment-sync-state-commit", SegmentStateStore::write,
                state -> "cannot store the sync state of segment '" + state.systemId() + "'");
    }

    public Optional<SegmentState> find(String systemId) {
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

    /** The segments a source owns: those whose accepted content it wrote last. */
    public List<SegmentState> ownedBy(String source) {
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
     * Stores the state and returns once it is committed; a field that is null keeps no value (it was never sent).
     *
     * @throws StateStoreException when the transaction that held it failed
     */
    public void save(SegmentState state) {
        saves.commit(state);
    }

    public void forget(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, systemId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot remove the sync state of segment '" + systemId + "'", e);
        }
    }

    /** Commits the states saved before, then stops taking new ones. */
    @Override
    public void close() {
        saves.close();
    }

    /** Updates the states already stored, then inserts the others: two batches of statements. */
    private static void write(Connection connection, List<SegmentState> batch) throws SQLException {
        // the pipeline saves one system id at a time; should one still come twice, the later state is the one to keep
        Map<String, SegmentState> latest = new LinkedHashMap<>();
        batch.forEach(state -> latest.put(state.systemId(), state));
        List<SegmentState> states = List.copyOf(latest.values());
        int[] updated = executeBatch(connection, UPDATE, states);
        List<SegmentState> notStoredYet = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                notStoredYet.add(states.get(i));
            }
        }
        if (!notStoredYet.isEmpty()) {
            executeBatch(connection, INSERT, notStoredYet);
        }
    }

    private static int[] executeBatch(Connection connection, String sql, List<SegmentState> states)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (SegmentState state : states) {
                String payload = payloadOf(state);
                statement.setString(1, sha256(payload));
                statement.setString(2, payload);
                statement.setString(3, state.source());
                SqlTimes.bind(statement, 4, state.updatedAt());
                statement.setString(5, state.systemId());
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private static String payloadOf(SegmentState state) {
        ObjectNode fields = JSON.createObjectNode();
        putIfPresent(fields, "segment_code", state.segmentCode());
        putIfPresent(fields, "segment_name", state.segmentName());
        putIfPresent(fields, "active", state.active());
        return fields.toString();
    }

    private static void putIfPresent(ObjectNode fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
