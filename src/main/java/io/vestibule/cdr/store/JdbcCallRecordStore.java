package io.vestibule.cdr.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.vestibule.cdr.Checkpoint;
import io.vestibule.cdr.SealedRecord;

/**
 * Sealed call records in the database, through plain JDBC: the pipeline's own thread writes them in batches, outside
 * any container transaction, and auditors' searches read them through the blind-index columns.
 */
public final class JdbcCallRecordStore implements CallRecordStore {
    private static final String COLUMNS = "seq, occurred_at, key_id, ciphertext, room_index, participant_index, name_index, outcome_index, chain_hash";

    private final DataSource dataSource;
    private final Transactions transactions;

    public JdbcCallRecordStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public long lastSequence() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT MAX(seq) FROM call_record");
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    @Override
    public void add(List<SealedRecord> records, Checkpoint checkpoint) {
        transactions.inOne(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SealedRecord record : records) {
                    insert.setLong(1, record.sequence());
                    insert.setObject(2, record.occurredAt().atOffset(ZoneOffset.UTC));
                    insert.setInt(3, record.keyId());
                    insert.setBytes(4, record.ciphertext());
                    insert.setString(5, record.indexes().room());
                    insert.setString(6, record.indexes().participant());
                    insert.setString(7, record.indexes().name());
                    insert.setString(8, record.indexes().outcome());
                    insert.setBytes(9, record.chainHash());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            insertCheckpoint(connection, checkpoint);
            return null;
        });
    }

    @Override
    public void forceToDisk() {
        transactions.forceToDisk();
    }

    @Override
    public Optional<SealedRecord> bySequence(long sequence) {
        return one("SELECT " + COLUMNS + " FROM call_record WHERE seq = ?", sequence);
    }

    @Override
    public List<SealedRecord> find(Instant from, Instant to, Collection<String> rooms, Collection<String> participants,
                                   Collection<String> names, Collection<String> outcomes, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_record WHERE occurred_at >= ? AND occurred_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)));
        condition(sql, parameters, "room_index", rooms);
        condition(sql, parameters, "participant_index", participants);
        condition(sql, parameters, "name_index", names);
        condition(sql, parameters, "outcome_index", outcomes);
        sql.append(" ORDER BY occurred_at DESC, seq DESC");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql.toString())) {
            query.setMaxRows(limit);
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<SealedRecord> found = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next() && found.size() < limit) {
                    found.add(record(result));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    @Override
    public void forEachFrom(long fromSequence, Consumer<SealedRecord> action) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM call_record WHERE seq >= ? ORDER BY seq")) {
            query.setFetchSize(1000);
            query.setLong(1, fromSequence);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    action.accept(record(result));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    @Override
    public List<Checkpoint> checkpoints() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT kind, seq, chain_hash, signed_at, signature FROM cdr_checkpoint ORDER BY seq, kind");
             ResultSet result = query.executeQuery()) {
            List<Checkpoint> checkpoints = new ArrayList<>();
            while (result.next()) {
                checkpoints.add(new Checkpoint(Checkpoint.Kind.valueOf(result.getString(1)), result.getLong(2), result.getBytes(3),
                        result.getObject(4, OffsetDateTime.class).toInstant(), result.getBytes(5)));
            }
            return checkpoints;
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    @Override
    public int purgeBefore(Instant cutoff, Optional<Checkpoint> anchor) {
        return transactions.inOne(connection -> {
            try (PreparedStatement deleteRecords = connection.prepareStatement("DELETE FROM call_record WHERE occurred_at < ?");
                 PreparedStatement deleteCheckpoints = connection.prepareStatement(
                         "DELETE FROM cdr_checkpoint WHERE seq < ? OR (kind = 'ANCHOR' AND seq <= ?)")) {
                deleteRecords.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                int purged = deleteRecords.executeUpdate();
                if (anchor.isPresent()) {
                    deleteCheckpoints.setLong(1, anchor.get().sequence());
                    deleteCheckpoints.setLong(2, anchor.get().sequence());
                    deleteCheckpoints.executeUpdate();
                    insertCheckpoint(connection, anchor.get());
                }
                return purged;
            }
        });
    }

    @Override
    public Optional<SealedRecord> firstFrom(Instant cutoff) {
        return one("SELECT " + COLUMNS + " FROM call_record WHERE seq = (SELECT MIN(seq) FROM call_record WHERE occurred_at >= ?)",
                cutoff.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Optional<SealedRecord> lastBefore(long sequence) {
        return one("SELECT " + COLUMNS + " FROM call_record WHERE seq = (SELECT MAX(seq) FROM call_record WHERE seq < ?)", sequence);
    }

    private Optional<SealedRecord> one(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(record(result)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    private static void insertCheckpoint(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cdr_checkpoint (kind, seq, chain_hash, signed_at, signature) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, checkpoint.kind().name());
            insert.setLong(2, checkpoint.sequence());
            insert.setBytes(3, checkpoint.chainHash());
            insert.setObject(4, checkpoint.signedAt().atOffset(ZoneOffset.UTC));
            insert.setBytes(5, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String column, Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(", ", values.stream().map(v -> "?").toList())).append(')');
        parameters.addAll(values);
    }

    private static SealedRecord record(ResultSet result) throws SQLException {
        return new SealedRecord(result.getLong(1), result.getObject(2, OffsetDateTime.class).toInstant(), result.getInt(3),
                result.getBytes(4), new SealedRecord.BlindIndexes(result.getString(5), result.getString(6), result.getString(7),
                result.getString(8)), result.getBytes(9));
    }

    /** The database could not be reached or refused the statement; the pipeline keeps the records and retries. */
    public static final class StoreUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreUnavailable(SQLException cause) {
            super("The call-record store is unavailable: " + cause.getMessage(), cause);
        }
    }
}
