package io.vestibule.platform.launcher;

import java.util.Locale;

/**
 * The database the container's connection pool points at: the embedded H2 file database in the data directory,
 * or PostgreSQL when {@code VESTIBULE_DB_URL} names one. The password never travels in a command: the pool reads
 * it from a system property reference.
 */
record DatabaseTarget(String dataSourceClass, String url, String user, boolean hasPassword) {
    static final String PASSWORD_PROPERTY = "vestibule.internal.db-password";

    static DatabaseTarget from(LauncherSettings settings, DataDirectory data) {
        String url = settings.find("vestibule.db.url").orElse(null);
        if (url == null) {
            // PostgreSQL mode keeps one set of migrations valid for both databases. Without a write delay a commit is in
            // the file before it returns, so a killed process loses no acknowledged write (by default H2 waits 500 ms).
            String embedded = "jdbc:h2:file:" + data.database().resolve("vestibule")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            return new DatabaseTarget("org.h2.jdbcx.JdbcDataSource", embedded, "vestibule", false);
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new LaunchFailure("VESTIBULE_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database); "
                    + "leave it unset for the embedded database");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
            throw new LaunchFailure("VESTIBULE_DB_URL must not hold the password; set VESTIBULE_DB_PASSWORD instead");
        }
        String user = settings.find("vestibule.db.user")
                .orElseThrow(() -> new LaunchFailure("VESTIBULE_DB_USER is required with VESTIBULE_DB_URL"));
        return new DatabaseTarget("org.postgresql.ds.PGSimpleDataSource", url, user,
                settings.find("vestibule.db.password").isPresent());
    }

    boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /** For the start-up banner: where the data lives, without any query parameters (they may hold a password). */
    String describe() {
        if (embedded()) {
            return "embedded H2 database in " + url.substring("jdbc:h2:file:".length(), url.indexOf(';'));
        }
        int query = url.indexOf('?');
        return "PostgreSQL at " + (query < 0 ? url : url.substring(0, query));
    }
}
