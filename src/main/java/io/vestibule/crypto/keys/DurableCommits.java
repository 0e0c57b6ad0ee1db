package io.vestibule.crypto.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Puts what the database has committed on stable storage before a new key is used (issue 21, fault 2), and before
 * the call-record journal deletes a segment whose records the database now holds. PostgreSQL's
 * commit is already durable; the embedded H2 database writes its committed pages later and never forces them, so a
 * crash or a power cut could lose a key row while the values sealed or signed with it survive elsewhere (the call-record
 * journal, a token in a browser). On H2 this writes the pending pages and forces the file.
 */
public final class DurableCommits {
    private final DataSource dataSource;
    private volatile Boolean embedded;

    public DurableCommits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws NotDurable when the database cannot confirm the write */
    public void forceToDisk() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (embedded(connection)) {
                statement.execute("CHECKPOINT");
                statement.execute("CHECKPOINT SYNC");
            }
        } catch (SQLException e) {
            throw new NotDurable(e);
        }
    }

    private boolean embedded(Connection connection) throws SQLException {
        Boolean known = embedded;
        if (known == null) {
            known = "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            embedded = known;
        }
        return known;
    }

    /** The database could not confirm its writes are on disk: a new key must not be used, a shipped segment not deleted. */
    public static final class NotDurable extends RuntimeException {
        NotDurable(SQLException cause) {
            super("The database could not force its committed writes to disk: " + cause.getMessage(), cause);
        }
    }
}
