package com.ciopulse.segmentsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where each source instance got to (table {@code source_checkpoint}): a watermark, a replay id, file progress,
 * as text the source itself encodes. A source saves its checkpoint only after every record up to it has an
 * outcome. Thread-safe: every call borrows its own connection and commits; one source instance writes its own
 * checkpoint from one route, so an update-then-insert is enough.
 */
public final class CheckpointStore {

    private static final String SELECT = "SELECT checkpoint FROM source_checkpoint WHERE source_id = ?";
    private static final String UPDATE = "UPDATE source_checkpoint SET checkpoint = ?, updated_at = ? WHERE source_id = ?";
    private static final String INSERT = "INSERT INTO source_checkpoint (checkpoint, updated_at, source_id) VALUES (?, ?, ?)";

    private final DataSource dataSource;

    /** A store on the state store's {@link StateStore#dataSource()}. */
    public CheckpointStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The checkpoint the source saved last; empty when it never saved one. */
    public Optional<String> find(String sourceId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, sourceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the checkpoint of source '" + sourceId + "'", e);
        }
    }

    /** Replaces the source's checkpoint; durable when this returns. */
    public void save(String sourceId, String checkpoint, Instant at) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        try (Connection connection = dataSource.getConnection()) {
            if (write(connection, UPDATE, sourceId, checkpoint, at) == 0) {
                write(connection, INSERT, sourceId, checkpoint, at);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot store the checkpoint of source '" + sourceId + "'", e);
        }
    }

    private static int write(Connection connection, String sql, String sourceId, String checkpoint, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, checkpoint);
            SqlTimes.bind(statement, 2, at);
            statement.setString(3, sourceId);
            return statement.executeUpdate();
        }
    }
}
