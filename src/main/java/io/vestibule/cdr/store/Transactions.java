package io.vestibule.cdr.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.vestibule.cdr.store.JdbcCallRecordStore.StoreUnavailable;
import io.vestibule.crypto.keys.DurableCommits;

/**
 * The stores' writes on a connection of their own, outside any container transaction: every failure of the database
 * is a {@link StoreUnavailable}, which the pipeline retries.
 */
final class Transactions {
    private final DataSource dataSource;
    private final DurableCommits durable;

    /** Statements run on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
        this.durable = new DurableCommits(dataSource);
    }

    /** Puts what was committed on stable storage (see {@link DurableCommits}); the store is unavailable if it cannot. */
    void forceToDisk() {
        try {
            durable.forceToDisk();
        } catch (DurableCommits.NotDurable e) {
            throw new StoreUnavailable((SQLException) e.getCause());
        }
    }

    /** All of the work or none of it: committed when it returns, rolled back when a statement fails. */
    <T> T inOne(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    /** Each statement committed as it runs, so that a failed one leaves the connection usable for the next. */
    <T> T eachCommitted(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.on(connection);
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }
}
