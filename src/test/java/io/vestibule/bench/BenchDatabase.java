package io.vestibule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

import io.vestibule.testing.PostgresDatabase;

/**
 * A fresh database for one benchmark round, migrated with the service's Flyway migrations, behind a connection pool
 * as the container's pool keeps connections open: the embedded H2 file database with the launcher's URL flags
 * (DatabaseTarget), or a database of its own on the machine's PostgreSQL.
 */
abstract class BenchDatabase implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private BenchDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
        pool.setMaxConnections(32);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    enum Kind {
        H2, POSTGRESQL;

        BenchDatabase create(Path directory) {
            return this == H2 ? new H2File(directory) : new Postgres();
        }

        String describe() {
            return this == H2 ? "H2 2.2.224 file database (PostgreSQL mode)" : "PostgreSQL at 127.0.0.1";
        }
    }

    DataSource dataSource() {
        return pool;
    }

    long count(String table) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Bytes the database occupies on disk. */
    abstract long sizeOnDisk() throws SQLException, IOException;

    /** Makes the planner's statistics current after a bulk load, as a running database's maintenance would. */
    abstract void analyse() throws SQLException;

    @Override
    public void close() {
        pool.dispose();
    }

    private static final class H2File extends BenchDatabase {
        private final Path file;

        H2File(Path directory) {
            super(JdbcConnectionPool.create(dataSource(directory.resolve("vestibule"))));
            this.file = directory.resolve("vestibule.mv.db");
        }

        private static JdbcDataSource dataSource(Path base) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            h2.setUser("vestibule");
            h2.setPassword("");
            return h2;
        }

        @Override
        long sizeOnDisk() throws IOException {
            return Files.size(file);
        }

        @Override
        void analyse() throws SQLException {
            try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
    }

    private static final class Postgres extends BenchDatabase {
        private final PostgresDatabase database;

        Postgres() {
            this(PostgresDatabase.create());
        }

        private Postgres(PostgresDatabase database) {
            super(JdbcConnectionPool.create(dataSource(database)));
            this.database = database;
        }

        private static PGConnectionPoolDataSource dataSource(PostgresDatabase database) {
            PGConnectionPoolDataSource postgres = new PGConnectionPoolDataSource();
            postgres.setURL(database.url());
            postgres.setUser(database.name());
            postgres.setPassword(database.settings().get("VESTIBULE_DB_PASSWORD"));
            return postgres;
        }

        @Override
        long sizeOnDisk() throws SQLException {
            try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT pg_database_size(current_database())")) {
                result.next();
                return result.getLong(1);
            }
        }

        @Override
        void analyse() throws SQLException {
            try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE call_record");
            }
        }

        @Override
        public void close() {
            super.close();
            database.close();
        }
    }
}
