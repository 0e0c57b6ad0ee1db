package io.vestibule.media.signaling;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.SocketProbe;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.GUEST_PIN;
import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The conference WebSocket (API.md "Media signaling"): authentication, presence, lobby and isolation. */
@ExtendWith(ServerResolver.class)
class ConferenceSocketIT {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    private JsonObject join(String alias, String name, String pin) {
        int n = NEXT_ADDRESS.getAndIncrement();
        return Meetings.join(server, "198.18." + (n / 250) + "." + (n % 250 + 1), alias, name, pin);
    }

    @Test
    void aParticipantHearsWhoJoinsAndLeaves() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        try (SocketProbe hostSocket = SocketProbe.open(server, host.getString("conferenceId"))) {
            JsonObject ready = hostSocket.authenticate(host.getString("token")).next("ready");
            assertThat(ready.getString("participantId")).isEqualTo(host.getString("participantId"));
            assertThat(ready.getJsonArray("participants")).hasSize(1);
            assertThat(ready.getJsonArray("lobby")).as("hosts see the lobby").isEmpty();

            JsonObject guest = join(alias, "Guest <b>one</b>", GUEST_PIN);
            JsonObject joined = hostSocket.next("joined").getJsonObject("participant");
            assertThat(joined.getString("displayName")).isEqualTo("Guest <b>one</b>");
            assertThat(joined.getString("role")).isEqualTo("guest");

            server.newClient().withBearer(guest.getString("token")).sendWithoutCsrf("POST", "/api/v1/join/release", null);
            assertThat(hostSocket.next("left").getJsonObject("participant").getString("participantId"))
                    .isEqualTo(guest.getString("participantId"));
        }
    }

    @Test
    void aWaitingGuestIsToldTheMomentTheHostArrives() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", true));
        JsonObject guest = join(alias, "Early", GUEST_PIN);
        assertThat(guest.getString("status")).isEqualTo("waiting");
        try (SocketProbe lobby = SocketProbe.open(server, guest.getString("conferenceId"))) {
            assertThat(lobby.authenticate(guest.getString("token")).next("waiting").getString("reason")).isEqualTo("waiting_for_host");

            join(alias, "Host", HOST_PIN);

            JsonObject admitted = lobby.next("admitted");
            assertThat(admitted.getString("role")).isEqualTo("guest");
            assertThat(admitted.getString("participantId")).isEqualTo(guest.getString("participantId"));
            assertThat(Meetings.header(admitted.getString("token")).getString("typ")).isEqualTo("vestibule-join+jwt");
            try (SocketProbe inside = SocketProbe.open(server, guest.getString("conferenceId"))) {
                assertThat(inside.authenticate(admitted.getString("token")).next("ready").getJsonArray("participants")).hasSize(2);
            }
        }
    }

    @Test
    void hostsSeeTheLobbyOfALockedConferenceAndCanLetPeopleIn() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        try (SocketProbe hostSocket = SocketProbe.open(server, host.getString("conferenceId"))) {
            hostSocket.authenticate(host.getString("token")).next("ready");
            server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST", conference + "/lock", null);
            hostSocket.next("locked");

            JsonObject guest = join(alias, "Latecomer", GUEST_PIN);
            JsonObject lobby = hostSocket.next("lobby");
            assertThat(lobby.getString("change")).as("one entry, not the whole lobby").isEqualTo("joined");
            assertThat(lobby.getJsonObject("participant").getString("reason")).isEqualTo("locked");
            assertThat(lobby.getJsonObject("participant").getString("participantId")).isEqualTo(guest.getString("participantId"));

            server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST",
                    conference + "/participants/" + guest.getString("participantId") + "/admit", null);
            JsonObject admitted = hostSocket.next("lobby");
            assertThat(admitted.getString("change")).isEqualTo("admitted");
            assertThat(admitted.getJsonObject("participant").getString("participantId")).isEqualTo(guest.getString("participantId"));
            assertThat(hostSocket.next("joined").getJsonObject("participant").getString("displayName")).isEqualTo("Latecomer");
        }
    }

    @Test
    void aRemovedParticipantsSocketIsClosedAndAnEndedConferenceClosesAll() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        JsonObject guest = join(alias, "Guest", GUEST_PIN);
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        try (SocketProbe hostSocket = SocketProbe.open(server, host.getString("conferenceId"));
             SocketProbe guestSocket = SocketProbe.open(server, host.getString("conferenceId"))) {
            hostSocket.authenticate(host.getString("token")).next("ready");
            guestSocket.authenticate(guest.getString("token")).next("ready");

            server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST",
                    conference + "/participants/" + guest.getString("participantId") + "/remove", null);
            guestSocket.next("removed");
            guestSocket.awaitClosed();

            server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST", conference + "/end", null);
            hostSocket.next("ended");
            hostSocket.awaitClosed();
        }
    }

    @Test
    void aTokenOfAnotherConferenceOpensNothingHere() {
        JsonObject other = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host A", HOST_PIN);
        JsonObject target = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host B", HOST_PIN);
        try (SocketProbe intruder = SocketProbe.open(server, target.getString("conferenceId"))) {
            JsonObject error = intruder.authenticate(other.getString("token")).next("error");
            assertThat(error.getString("error")).isEqualTo("unauthenticated");
            assertThat(error.getString("reason")).isEqualTo("token_room");
            assertThat(intruder.awaitClosed()).as("closed with reason '%s'", intruder.closeReason()).isEqualTo(1008);
        }
    }

    @Test
    void theFirstMessageMustAuthenticate() {
        JsonObject host = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe anonymous = SocketProbe.open(server, host.getString("conferenceId"))) {
            anonymous.send("{\"type\":\"ping\"}");
            assertThat(anonymous.next("error").getString("error")).isEqualTo("unauthenticated");
            assertThat(anonymous.awaitClosed()).as("closed with reason '%s'", anonymous.closeReason()).isEqualTo(1008);
        }
    }

    @Test
    void aFloodOfMessagesIsRateLimitedWithoutClosingTheSocket() {
        JsonObject host = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe socket = SocketProbe.open(server, host.getString("conferenceId"))) {
            socket.authenticate(host.getString("token")).next("ready");
            for (int i = 0; i < 100; i++) {
                socket.send("{\"type\":\"ping\"}");
            }
            assertThat(socket.next("error").getString("error")).isEqualTo("rate_limited");
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void framesNestedTooDeepOrWithEndlessNumbersAreAnsweredAndTheSocketGoesOn() {
        JsonObject host = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe socket = SocketProbe.open(server, host.getString("conferenceId"))) {
            socket.authenticate(host.getString("token")).next("ready");
            String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
            String longNumber = "{\"type\":\"ping\",\"x\":" + "9".repeat(1100) + "}";
            for (String bad : new String[] {deep, longNumber}) {
                assertThat(socket.send(bad).next("error").getString("error")).isEqualTo("bad_message");
            }
            assertThat(socket.send("{\"type\":\"ping\"}").next("pong")).as("the socket is still served").isNotNull();
        }
    }

    @Test
    void aNewerSocketOfTheSameParticipantReplacesTheOlder() {
        JsonObject host = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe first = SocketProbe.open(server, host.getString("conferenceId"));
             SocketProbe second = SocketProbe.open(server, host.getString("conferenceId"))) {
            first.authenticate(host.getString("token")).next("ready");

            second.authenticate(host.getString("token")).next("ready");

            assertThat(first.next("replaced")).isNotNull();
            assertThat(first.awaitClosed()).isEqualTo(4001);
            assertThat(second.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
        }
    }

    @Test
    void malformedMessagesAreAnsweredNotFatalAndHugeOnesCloseTheSocket() {
        JsonObject host = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe socket = SocketProbe.open(server, host.getString("conferenceId"))) {
            socket.authenticate(host.getString("token")).next("ready");
            for (String bad : new String[] {"not json", "[1,2]", "{\"no\":\"type\"}", "{\"type\":\"nonsense\"}", "\u0000\u0001"}) {
                assertThat(socket.send(bad).next("error").getString("error")).as(bad).isEqualTo("bad_message");
            }
            assertThat(socket.send("{\"type\":\"ping\"}").next("pong")).isNotNull();

            socket.send("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(socket.awaitClosed()).isNotEqualTo(1000);
        }
    }
}
