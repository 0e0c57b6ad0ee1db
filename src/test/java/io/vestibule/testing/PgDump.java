package io.vestibule.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A data-only dump of the database a PostgreSQL-backed server uses, as an attacker with a backup would read it. */
public final class PgDump {
    private PgDump() {
    }

    public static String of(VestibuleServer server) throws IOException, InterruptedException {
        Path pgDump = Stream.of(System.getenv("PATH").split(":")).map(directory -> Path.of(directory, "pg_dump"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        RequiredParts.require(pgDump != null, "pg_dump", "Install the PostgreSQL client: apt-get install postgresql-client");
        ProcessBuilder builder = new ProcessBuilder(List.of(pgDump.toString(), "--data-only", "--inserts",
                "--dbname=" + server.setting("VESTIBULE_DB_URL").replace("jdbc:", ""), "--username=" + server.setting("VESTIBULE_DB_USER")))
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", server.setting("VESTIBULE_DB_PASSWORD"));
        Process dump = builder.start();
        dump.getOutputStream().close();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(text).isZero();
        return text;
    }
}
