package io.vestibule.platform.persistence;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database. A failed migration
 * fails the deployment, so the service never runs on a schema it does not know.
 */
@ApplicationScoped
public class DatabaseMigration {
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/vestibule")
    DataSource dataSource;

    private volatile boolean complete;

    void migrateAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object started) {
        MigrateResult result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> summary(result));
        complete = true;
    }

    /** Flyway names no target version when it applied nothing: the schema is then at the version it found. */
    static String summary(MigrateResult result) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return "Database schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)";
    }

    public boolean complete() {
        return complete;
    }
}
