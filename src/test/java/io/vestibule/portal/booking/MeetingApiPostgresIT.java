package io.vestibule.portal.booking;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.OnPostgres;
import io.vestibule.testing.PgDump;
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

        String dump = PgDump.of(server);

        assertThat(dump).as("the dump holds the booking").contains(booked.getString("title"));
        assertThat(dump).doesNotContain(room.getString("hostPin")).doesNotContain(room.getString("guestPin"));
    }
}
