package io.vestibule.portal.join;

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
import io.vestibule.testing.SocketProbe;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.GUEST_PIN;
import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crowd at a locked meeting (issue 24, finding 3): the lobby holds the service's lobby limit (100 unless set) and
 * refuses the next arrivals with {@code 503 lobby_full}; the host's socket hears one entry per arrival, so what it
 * is sent grows with the arrivals, not with their square.
 */
@ExtendWith(ServerResolver.class)
class LobbyBoundIT {
    private static final int LOBBY_LIMIT = 100;
    private static final int TOO_MANY = 10;
    /** One lobby entry with the longest display name in bytes (80 characters of three bytes each) and a little room. */
    private static final int LONGEST_ENTRY = 600;
    private static final ExecutorService GUESTS = Executors.newFixedThreadPool(4);

    @Test
    void theLobbyHoldsItsLimitAndTheHostHearsEachArrivalOnce(VestibuleServer server) throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = Meetings.join(server, "100.66.0.1", alias, "Host", HOST_PIN);
        ApiResponse locked = server.newClient().withBearer(host.getString("token"))
                .sendWithoutCsrf("POST", "/api/v1/conferences/" + host.getString("conferenceId") + "/lock", null);
        assertThat(locked.status()).as(locked.toString()).isLessThan(300);
        try (SocketProbe hostSocket = SocketProbe.open(server, host.getString("conferenceId"))) {
            assertThat(hostSocket.authenticate(host.getString("token")).next("ready").getJsonArray("lobby")).isEmpty();

            List<ApiResponse> answers = arrivals(server, alias, LOBBY_LIMIT + TOO_MANY);

            assertThat(answers).filteredOn(answer -> answer.status() == 202).hasSize(LOBBY_LIMIT);
            List<ApiResponse> refused = answers.stream().filter(answer -> answer.status() != 202).toList();
            assertThat(refused).hasSize(TOO_MANY).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.errorCode()).isEqualTo("lobby_full");
                assertThat(answer.header("Retry-After")).isEqualTo("60");
            });

            List<JsonObject> lobbyNotices = everythingUntilPong(hostSocket).stream()
                    .filter(message -> message.getString("type").equals("lobby")).toList();
            assertThat(lobbyNotices).as("one notice per arrival that waits").hasSize(LOBBY_LIMIT).allSatisfy(notice -> {
                assertThat(notice.getString("change")).isEqualTo("joined");
                assertThat(notice.getJsonObject("participant").getString("reason")).isEqualTo("locked");
                assertThat(notice.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).as("one entry, not the lobby")
                        .hasSizeLessThan(LONGEST_ENTRY);
            });
        }
    }

    /** Guests knocking at once, four at a time, each from an address of its own. */
    private static List<ApiResponse> arrivals(VestibuleServer server, String alias, int count) throws Exception {
        List<CompletableFuture<ApiResponse>> joins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String source = "100.66." + (1 + i / 250) + "." + (1 + i % 250);
            String name = String.format("Guest %03d ", i) + "\u8a2a".repeat(70);
            joins.add(CompletableFuture.supplyAsync(() -> server.newClient().from(source).sendWithoutCsrf("POST",
                    "/api/v1/join/" + alias, Json.createObjectBuilder().add("displayName", name).add("pin", GUEST_PIN)
                            .build().toString()), GUESTS));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return joins.stream().map(CompletableFuture::join).toList();
    }

    /** What the socket was sent before the answer to a ping sent now: everything queued for it so far. */
    private static List<JsonObject> everythingUntilPong(SocketProbe socket) {
        List<JsonObject> received = new ArrayList<>();
        socket.send("{\"type\":\"ping\"}").next(message -> {
            received.add(message);
            return message.getString("type").equals("pong");
        }, "pong");
        return received;
    }

    @AfterAll
    static void stopGuests() {
        GUESTS.shutdownNow();
    }
}
