package io.vestibule.booking.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.OnPostgres;
import io.vestibule.testing.RequiredParts;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The meetings API on PostgreSQL, plus what the database itself holds after booking. */
@ExtendWith(ServerResolver.class)
class MeetingApiPostgresIT extends MeetingApiContract {
    private VestibuleServer server;

    @BeforeEach
    void connect(@OnPostgres VestibuleServer server) {
        this.server = server;
    }

    @Override
    VestibuleServer server() {
        return server;
    }

    @Test
    void aDumpOfTheDatabaseHoldsTheMeetingButNoPin() throws Exception {
        JsonObject booked = book(alice(), meeting("Dumped meeting " + System.nanoTime()).build());
        JsonObject room = booked.getJsonObject("room");

        String dump = pgDump();

        assertThat(dump).as("the dump holds the booking").contains(booked.getString("title"));
        assertThat(dump).doesNotContain(room.getString("hostPin")).doesNotContain(room.getString("guestPin"));
    }

    private String pgDump() throws IOException, InterruptedException {
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
