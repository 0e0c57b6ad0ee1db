package io.vestibule.cdr.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.vestibule.cdr.keys.DayKeyStore;
import io.vestibule.cdr.keys.StoredDayKey;

public final class JdbcDayKeyStore implements DayKeyStore {
    private static final String SELECT_KEYS = "SELECT id, key_day, kek_alias, wrapped_key FROM cdr_day_key ";

    private final DataSource dataSource;
    private final Transactions transactions;

    public JdbcDayKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Optional<StoredDayKey> forDay(LocalDate day) {
        return one(SELECT_KEYS + "WHERE key_day = ?", day);
    }

    @Override
    public Optional<StoredDayKey> byId(int id) {
        return one(SELECT_KEYS + "WHERE id = ?", id);
    }

    /** The key is on stable storage when this returns: records sealed with it are journaled and fsynced at once. */
    @Override
    public StoredDayKey add(LocalDate day, String kekAlias, byte[] wrapped, Instant now) {
        StoredDayKey added = inserted(day, kekAlias, wrapped, now);
        transactions.forceToDisk();
        return added;
    }

    private StoredDayKey inserted(LocalDate day, String kekAlias, byte[] wrapped, Instant now) {
        return transactions.eachCommitted(connection -> {
            int id = nextId(connection);
            try {
                insert(connection, id, day, kekAlias, wrapped, now);
                return new StoredDayKey(id, day, kekAlias, Optional.of(wrapped));
            } catch (SQLException anotherWriterWasFirst) {
                return forDay(day).orElseThrow(() -> new JdbcCallRecordStore.StoreUnavailable(anotherWriterWasFirst));
            }
        });
    }

    @Override
    public void restore(StoredDayKey key) {
        transactions.eachCommitted(connection -> {
            while (nextId(connection) < key.id()) {
                // The sequence moves past the restored id, so that a key made later does not take it.
            }
            insert(connection, key.id(), key.day(), key.kekAlias(), key.wrapped().orElseThrow(), Instant.now());
            return null;
        });
        transactions.forceToDisk();
    }

    private static int nextId(Connection connection) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement("SELECT NEXT VALUE FOR cdr_day_key_id_seq");
             ResultSet result = next.executeQuery()) {
            result.next();
            return result.getInt(1);
        } catch (SQLException h2Syntax) {
            try (PreparedStatement next = connection.prepareStatement("SELECT nextval('cdr_day_key_id_seq')");
                 ResultSet result = next.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static void insert(Connection connection, int id, LocalDate day, String kekAlias, byte[] wrapped, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cdr_day_key (id, key_day, kek_alias, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setObject(2, day);
            insert.setString(3, kekAlias);
            insert.setBytes(4, wrapped);
            insert.setObject(5, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    @Override
    public List<StoredDayKey> firstLiveOfEachKeyEncryptionKey() {
        return all(SELECT_KEYS + "WHERE id IN "
                + "(SELECT MIN(id) FROM cdr_day_key WHERE wrapped_key IS NOT NULL GROUP BY kek_alias) ORDER BY id");
    }

    @Override
    public Set<Integer> ids() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM cdr_day_key");
             ResultSet result = query.executeQuery()) {
            Set<Integer> ids = new HashSet<>();
            while (result.next()) {
                ids.add(result.getInt(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new JdbcCallRecordStore.StoreUnavailable(e);
        }
    }

    @Override
    public List<StoredDayKey> liveBefore(LocalDate day) {
        return all(SELECT_KEYS + "WHERE key_day < ? AND wrapped_key IS NOT NULL ORDER BY key_day", day);
    }

    private List<StoredDayKey> all(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<StoredDayKey> keys = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    keys.add(key(result));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new JdbcCallRecordStore.StoreUnavailable(e);
        }
    }

    @Override
    public void destroy(int id, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE cdr_day_key SET wrapped_key = NULL, destroyed_at = ? WHERE id = ?")) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setInt(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcCallRecordStore.StoreUnavailable(e);
        }
    }

    private Optional<StoredDayKey> one(String sql, Object parameter) {
        return all(sql, parameter).stream().findFirst();
    }

    private static StoredDayKey key(ResultSet result) throws SQLException {
        return new StoredDayKey(result.getInt(1), result.getObject(2, LocalDate.class), result.getString(3),
                Optional.ofNullable(result.getBytes(4)));
    }
}
