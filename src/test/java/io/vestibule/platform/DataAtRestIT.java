package io.vestibule.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.DataFiles;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** What a copy of the data directory would give away: the meetings, but no PIN (R-ROOM-3, R-RUN-5). */
@ExtendWith(ServerResolver.class)
class DataAtRestIT {

    @Test
    void noPinIsStoredOrLoggedInClear(VestibuleServer server) throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String marker = "at-rest-" + UUID.randomUUID();
        ApiResponse booked = alice.post("/api/v1/meetings", Json.createObjectBuilder()
                .add("title", marker)
                .add("start", Instant.now().plus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC).toString())
                .add("end", Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC).toString())
                .add("timeZone", "UTC")
                .add("hostPin", "73915024")
                .add("guestPin", "58203946")
                .build());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        JsonObject room = booked.json().getJsonObject("room");

        // The title is stored in clear; once it is on disk, so is everything booked with it.
        DataFiles.awaitOnDisk(server.dataDirectory(), marker);

        for (String pin : List.of(room.getString("hostPin"), room.getString("guestPin"))) {
            assertThat(DataFiles.containing(server.dataDirectory(), pin)).as("files holding PIN " + pin).isEmpty();
            assertThat(server.logText()).doesNotContain(pin);
        }
    }

    @Test
    void sessionsAndPasswordsNeverReachTheLog(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String sessionToken = alice.sessionCookie().substring(alice.sessionCookie().indexOf('=') + 1);
        String csrfToken = alice.get("/api/v1/me").json().getString("csrfToken");
        alice.sendWithoutCsrf("POST", "/api/v1/auth/login", "{\"username\":\"alice\",\"password\":\"wrong-" + sessionToken + "\"}");

        assertThat(server.logText()).doesNotContain(sessionToken).doesNotContain(csrfToken).doesNotContain(server.demoPassword());
    }
}
