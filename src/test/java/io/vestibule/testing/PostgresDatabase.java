package io.vestibule.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, reached as the "postgres" superuser with
 * trust authentication), owned by a login role of its own with a password, both dropped afterwards.
 * {@code VESTIBULE_TEST_PG_URL} names another server's maintenance database.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final String ADMIN_URL = System.getenv().getOrDefault("VESTIBULE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN_USER = System.getenv().getOrDefault("VESTIBULE_TEST_PG_USER", "postgres");

    private final String name;
    private final String password;

    private PostgresDatabase(String name, String password) {
        this.name = name;
        this.password = password;
    }

    public static boolean available() {
        try (Connection ignored = admin()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public static PostgresDatabase create() {
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        String name = "vestibule_it_" + suffix;
        String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database on " + ADMIN_URL, e);
        }
        return new PostgresDatabase(name, password);
    }

    public String url() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public String name() {
        return name;
    }

    /** The service's settings for this database. */
    public Map<String, String> settings() {
        return Map.of("VESTIBULE_DB_URL", url(), "VESTIBULE_DB_USER", name, "VESTIBULE_DB_PASSWORD", password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), name, password);
    }

    @Override
    public void close() {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, ADMIN_USER, "");
    }
}
