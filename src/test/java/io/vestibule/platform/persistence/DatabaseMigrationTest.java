package io.vestibule.platform.persistence;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseMigrationTest {

    @Test
    void aFirstStartNamesTheVersionItMigratedTo() {
        assertThat(DatabaseMigration.summary(result(null, "4", 4))).isEqualTo("Database schema at version 4 (4 migrations applied now)");
    }

    /** Every start after the first one said "version null". */
    @Test
    void aStartOnAnUpToDateSchemaNamesTheVersionItFound() {
        assertThat(DatabaseMigration.summary(result("4", null, 0))).isEqualTo("Database schema at version 4 (0 migrations applied now)");
    }

    private static MigrateResult result(String initialVersion, String targetVersion, int executed) {
        MigrateResult result = new MigrateResult();
        result.initialSchemaVersion = initialVersion;
        result.targetSchemaVersion = targetVersion;
        result.migrationsExecuted = executed;
        return result;
    }
}
