package io.vestibule.portal.join;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
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
 * A lobby token buys its participant's join token once, by {@code /join/wait} or by the conference socket, whichever
 * collects it first: a copy of the lobby token cannot join as that participant (API.md "Joining").
 */
@ExtendWith(ServerResolver.class)
class LobbyTokenSpentOnceIT {
    /** Each guest comes from an address of its own (the shared address space), so break-in counts never mix. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final int ROUNDS = 20;
    private static final int COLLECTORS = 8;

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    @Test
    void aSecondWaitWithTheSameLobbyTokenIsRefusedAndTheFirstJoinTokenStaysGood() {
        LockedConference conference = lockedConference();
        JsonObject guest = conference.waitingGuest("Guest");
        conference.admit(guest);

        ApiResponse first = post("/api/v1/join/wait", guest.getString("token"));
        ApiResponse second = post("/api/v1/join/wait", guest.getString("token"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(401);
        assertThat(second.errorCode()).isEqualTo("token_spent");
        assertThat(second.body()).doesNotContain(first.json().getString("token"));
        assertThat(post("/api/v1/join/refresh", first.json().getString("token")).status())
                .as("the one join token collected refreshes").isEqualTo(200);
    }

    @Test
    void ofConcurrentCollectionsWithOneLobbyTokenExactlyOneGetsAJoinToken() throws Exception {
        LockedConference conference = lockedConference();
        ExecutorService collectors = Executors.newFixedThreadPool(COLLECTORS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                JsonObject guest = conference.waitingGuest("Guest " + round);
                conference.admit(guest);
                CyclicBarrier start = new CyclicBarrier(COLLECTORS);
                List<CompletableFuture<ApiResponse>> answers = new ArrayList<>();
                for (int i = 0; i < COLLECTORS; i++) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        PortalClient client = server.newClient().withBearer(guest.getString("token"));
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return client.sendWithoutCsrf("POST", "/api/v1/join/wait", null);
                    }, collectors));
                }
                List<ApiResponse> done = answers.stream().map(CompletableFuture::join).toList();

                assertThat(done).as("round %d: %s", round, done).filteredOn(answer -> answer.status() == 200).hasSize(1);
                assertThat(done).as("round %d: %s", round, done).filteredOn(answer -> answer.status() != 200)
                        .allSatisfy(answer -> assertThat(answer.errorCode()).isEqualTo("token_spent"));
            }
        } finally {
            collectors.shutdownNow();
        }
    }

    @Test
    void afterTheLobbySocketCollectedTheJoinTokenTheLobbyTokenBuysNothingByHttp() {
        LockedConference conference = lockedConference();
        JsonObject guest = conference.waitingGuest("Guest");
        try (SocketProbe lobby = SocketProbe.open(server, guest.getString("conferenceId"))) {
            lobby.authenticate(guest.getString("token")).next("waiting");

            conference.admit(guest);
            assertThat(lobby.next("admitted").getString("participantId")).isEqualTo(guest.getString("participantId"));

            ApiResponse again = post("/api/v1/join/wait", guest.getString("token"));
            assertThat(again.status()).as(again.toString()).isEqualTo(401);
            assertThat(again.errorCode()).isEqualTo("token_spent");
        }
    }

    @Test
    void afterHttpCollectedTheJoinTokenTheLobbyTokenNeitherAuthenticatesNorDisplacesTheParticipantsSocket() {
        LockedConference conference = lockedConference();
        JsonObject guest = conference.waitingGuest("Guest");
        conference.admit(guest);
        ApiResponse collected = post("/api/v1/join/wait", guest.getString("token"));
        assertThat(collected.status()).as(collected.toString()).isEqualTo(200);

        try (SocketProbe inside = SocketProbe.open(server, guest.getString("conferenceId"));
             SocketProbe copy = SocketProbe.open(server, guest.getString("conferenceId"))) {
            inside.authenticate(collected.json().getString("token")).next("ready");

            JsonObject refused = copy.authenticate(guest.getString("token")).next("error");
            assertThat(refused.getString("error")).isEqualTo("unauthenticated");
            assertThat(refused.getString("reason")).isEqualTo("token_spent");
            assertThat(copy.awaitClosed()).as("closed with reason '%s'", copy.closeReason()).isEqualTo(1008);

            inside.send("{\"type\":\"ping\"}");
            assertThat(inside.next("pong")).as("the participant's own socket is still theirs").isNotNull();
        }
    }

    private LockedConference lockedConference() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = Meetings.join(server, nextAddress(), alias, "Host", HOST_PIN);
        LockedConference conference = new LockedConference(alias, host);
        assertThat(post(conference.path() + "/lock", host.getString("token")).status()).isEqualTo(204);
        return conference;
    }

    private ApiResponse post(String path, String token) {
        return server.newClient().withBearer(token).sendWithoutCsrf("POST", path, null);
    }

    private static String nextAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "100.64." + (n / 250) + "." + (n % 250 + 1);
    }

    private final class LockedConference {
        private final String alias;
        private final JsonObject host;

        LockedConference(String alias, JsonObject host) {
            this.alias = alias;
            this.host = host;
        }

        String path() {
            return "/api/v1/conferences/" + host.getString("conferenceId");
        }

        JsonObject waitingGuest(String name) {
            JsonObject guest = Meetings.join(server, nextAddress(), alias, name, GUEST_PIN);
            assertThat(guest.getString("status")).isEqualTo("waiting");
            return guest;
        }

        void admit(JsonObject guest) {
            ApiResponse admitted = post(path() + "/participants/" + guest.getString("participantId") + "/admit", host.getString("token"));
            assertThat(admitted.status()).as(admitted.toString()).isEqualTo(204);
        }
    }
}
