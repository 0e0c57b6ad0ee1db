package io.vestibule.platform.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseTargetTest {
    @TempDir
    Path directory;

    private final Map<String, String> environment = new HashMap<>();

    private DatabaseTarget target() {
        return DatabaseTarget.from(LauncherSettings.load(environment, new Properties()), new DataDirectory(directory));
    }

    @Test
    void withoutAUrlTheEmbeddedH2DatabaseLivesInTheDataDirectory() {
        DatabaseTarget embedded = target();
        assertThat(embedded.embedded()).isTrue();
        assertThat(embedded.dataSourceClass()).isEqualTo("org.h2.jdbcx.JdbcDataSource");
        assertThat(embedded.url()).startsWith("jdbc:h2:file:" + directory.resolve("db").resolve("vestibule") + ";")
                .contains("MODE=PostgreSQL");
        assertThat(embedded.hasPassword()).isFalse();
        assertThat(embedded.describe()).contains(directory.resolve("db").toString()).doesNotContain(";");
    }

    @Test
    void aPostgresqlUrlWithAUserIsAccepted() {
        environment.put("VESTIBULE_DB_URL", "jdbc:postgresql://db.example.org:5432/vestibule");
        environment.put("VESTIBULE_DB_USER", "vestibule");
        DatabaseTarget postgres = target();
        assertThat(postgres.embedded()).isFalse();
        assertThat(postgres.dataSourceClass()).isEqualTo("org.postgresql.ds.PGSimpleDataSource");
        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db.example.org:5432/vestibule");
        assertThat(postgres.user()).isEqualTo("vestibule");
        assertThat(postgres.hasPassword()).isFalse();
        assertThat(postgres.describe()).isEqualTo("PostgreSQL at jdbc:postgresql://db.example.org:5432/vestibule");
    }

    @Test
    void aPasswordIsNotedButNotKept() {
        environment.put("VESTIBULE_DB_URL", "jdbc:postgresql://db.example.org:5432/vestibule");
        environment.put("VESTIBULE_DB_USER", "vestibule");
        environment.put("VESTIBULE_DB_PASSWORD", "Db-Secret-99");
        DatabaseTarget postgres = target();
        assertThat(postgres.hasPassword()).isTrue();
        assertThat(postgres.toString()).doesNotContain("Db-Secret-99");
    }

    @Test
    void aMysqlUrlIsRefused() {
        environment.put("VESTIBULE_DB_URL", "jdbc:mysql://db.example.org:3306/vestibule");
        environment.put("VESTIBULE_DB_USER", "vestibule");
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(this::target).withMessageContaining("VESTIBULE_DB_URL");
    }

    @Test
    void aPostgresqlUrlWithoutUserIsRefused() {
        environment.put("VESTIBULE_DB_URL", "jdbc:postgresql://db.example.org:5432/vestibule");
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(this::target).withMessageContaining("VESTIBULE_DB_USER");
    }

    @Test
    void theDescriptionLeavesOutTheQuery() {
        environment.put("VESTIBULE_DB_URL", "jdbc:postgresql://db.example.org:5432/vestibule?ssl=true&sslmode=verify-full");
        environment.put("VESTIBULE_DB_USER", "vestibule");
        String description = target().describe();
        assertThat(description).doesNotContain("?").doesNotContain("sslmode").contains("db.example.org:5432/vestibule");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "jdbc:postgresql://db.example.org/vestibule?password=Db-Secret-99",
        "jdbc:postgresql://db.example.org/vestibule?ssl=true&PASSWORD=Db-Secret-99"})
    void aPasswordInsideTheUrlIsRefusedSoItNeverReachesPayarasCommands(String url) {
        environment.put("VESTIBULE_DB_URL", url);
        environment.put("VESTIBULE_DB_USER", "vestibule");
        assertThatThrownBy(this::target).isInstanceOf(LaunchFailure.class)
                .hasMessageContaining("VESTIBULE_DB_PASSWORD").hasMessageNotContaining("Db-Secret-99");
    }
}
