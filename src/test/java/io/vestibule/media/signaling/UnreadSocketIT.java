package io.vestibule.media.signaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.UnreadSocket;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.GUEST_PIN;
import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant whose socket stops reading costs the conference nothing: joins go on answering while the notices
 * for that socket pile up, unacknowledged, and the server closes it (1013) once its queue is full.
 */
@ExtendWith(ServerResolver.class)
class UnreadSocketIT {
    private static final int JOINS = 200;
    private static final ExecutorService GUESTS = Executors.newFixedThreadPool(4);
    private static final Duration ALL_JOINS_WITHIN = Duration.ofMinutes(2);

    @Test
    void joinsIntoTheConferenceOfASocketThatNeverReadsAllAnswerAndTheSocketIsClosed(VestibuleServer server) throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = Meetings.join(server, "198.19.0.1", alias, "Host", HOST_PIN);
        String conferenceId = host.getString("conferenceId");
        ApiResponse locked = server.newClient().withBearer(host.getString("token"))
                .sendWithoutCsrf("POST", "/api/v1/conferences/" + conferenceId + "/lock", null);
        assertThat(locked.status()).as(locked.toString()).isLessThan(300);
        // Locked, every guest waits in the lobby and then leaves it: each arrival and each departure tells the host's
        // socket one lobby entry, and with long names the notices soon outgrow the window the peer has not acknowledged.
        try (UnreadSocket stalled = UnreadSocket.open(server, conferenceId, host.getString("token"))) {
            assertThat(stalled.read()).as("authenticated").isInstanceOfSatisfying(UnreadSocket.Text.class,
                    ready -> assertThat(ready.text()).contains("\"type\":\"ready\""));

            for (ApiResponse answer : awaitAll(joins(server, alias, 0, JOINS))) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            }

            UnreadSocket.Closed closed = stalled.readUntilClosed();
            assertThat(closed.code()).as("closed for not reading after %d frames", closed.textFramesBefore()).isEqualTo(1013);
            assertThat(closed.reason()).isEqualTo("not_reading");
            assertThat(closed.textFramesBefore()).as("the lobby notices it was sent before it was given up").isLessThan(2 * JOINS);
        }
    }

    /**
     * Guests joining one after another from addresses of their own, four at a time, each leaving the lobby again at
     * once (a full lobby would refuse the rest).
     */
    private static List<CompletableFuture<ApiResponse>> joins(VestibuleServer server, String alias, int first, int count) {
        List<CompletableFuture<ApiResponse>> joins = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String source = "198.19." + (1 + i / 250) + "." + (1 + i % 250);
            // 80 characters of three bytes each: the longest display name in bytes.
            String name = String.format("Guest %03d ", i) + "\u8a2a".repeat(70);
            joins.add(CompletableFuture.supplyAsync(() -> {
                ApiResponse waiting = server.newClient().from(source).sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                        Json.createObjectBuilder().add("displayName", name).add("pin", GUEST_PIN).build().toString());
                if (waiting.status() == 202) {
                    server.newClient().from(source).withBearer(waiting.json().getString("token"))
                            .sendWithoutCsrf("POST", "/api/v1/join/release", null);
                }
                return waiting;
            }, GUESTS));
        }
        return joins;
    }

    private static List<ApiResponse> awaitAll(List<CompletableFuture<ApiResponse>> joins) throws Exception {
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(ALL_JOINS_WITHIN.toSeconds(), TimeUnit.SECONDS);
        return joins.stream().map(CompletableFuture::join).toList();
    }

    @AfterAll
    static void stopGuests() {
        GUESTS.shutdownNow();
    }
}
