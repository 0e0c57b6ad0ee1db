package io.vestibule.audit.alarm.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.AlarmStore;

/**
 * Alarms in the service's database (table {@code alarm}), each write committed on a connection of its own: an alarm
 * is often raised while the caller's own work is failing, and must not share its fate.
 */
public final class JdbcAlarmStore implements AlarmStore {
    static final int LONGEST_SUBJECT = 500;
    static final int LONGEST_DETAIL = 2000;

    private final DataSource dataSource;

    public JdbcAlarmStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(Alarm alarm) {
        run("INSERT INTO alarm (id, alarm_type, subject, detail, raised_at, clears_at) VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, alarm.id().toString());
            statement.setString(2, alarm.type());
            statement.setString(3, bounded(alarm.subject(), LONGEST_SUBJECT));
            statement.setString(4, bounded(alarm.detail(), LONGEST_DETAIL));
            statement.setTimestamp(5, Timestamp.from(alarm.raisedAt()));
            statement.setTimestamp(6, alarm.clearsAt().map(Timestamp::from).orElse(null));
            statement.executeUpdate();
        });
    }

    @Override
    public void cleared(UUID id, Instant at) {
        run("UPDATE alarm SET clears_at = ? WHERE id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, id.toString());
            statement.executeUpdate();
        });
    }

    @Override
    public void detailChanged(UUID id, String detail) {
        run("UPDATE alarm SET detail = ? WHERE id = ?", statement -> {
            statement.setString(1, bounded(detail, LONGEST_DETAIL));
            statement.setString(2, id.toString());
            statement.executeUpdate();
        });
    }

    @Override
    public List<Alarm> all() {
        List<Alarm> found = new ArrayList<>();
        run("SELECT id, alarm_type, subject, detail, raised_at, clears_at FROM alarm ORDER BY raised_at DESC, id", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new Alarm(UUID.fromString(rows.getString(1)), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getTimestamp(5).toInstant(), Optional.ofNullable(rows.getTimestamp(6)).map(Timestamp::toInstant)));
                }
            }
        });
        return found;
    }

    @Override
    public void remove(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        run("DELETE FROM alarm WHERE id = ?", statement -> {
            for (UUID id : ids) {
                statement.setString(1, id.toString());
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    private void run(String sql, Statement work) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            work.on(statement);
        } catch (SQLException e) {
            throw new Unavailable(e);
        }
    }

    private static String bounded(String text, int longest) {
        return text.length() > longest ? text.substring(0, longest) : text;
    }

    @FunctionalInterface
    private interface Statement {
        void on(PreparedStatement statement) throws SQLException;
    }
}
