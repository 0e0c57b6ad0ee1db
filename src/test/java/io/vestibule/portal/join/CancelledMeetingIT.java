package io.vestibule.portal.join;

import jakarta.json.JsonObject;

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
 * R-BOOK-4 against the built service: cancelling a meeting ends the conference running in its room, so that a
 * guest waiting in the locked conference is not let in afterwards and no participant's token refreshes.
 */
@ExtendWith(ServerResolver.class)
class CancelledMeetingIT {
    @Test
    void cancellingAMeetingEndsItsConferenceAndAdmitsNobodyFromTheLobby(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNow(alice, "host_and_guest_pins", false);
        String alias = Meetings.alias(meeting);
        JsonObject host = Meetings.join(server, "198.51.24.1", alias, "Host", HOST_PIN);
        JsonObject guest = Meetings.join(server, "198.51.24.2", alias, "Guest", GUEST_PIN);
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        assertThat(post(server, conference + "/lock", host.getString("token")).status()).isEqualTo(204);
        JsonObject waiting = Meetings.join(server, "198.51.24.3", alias, "Late guest", GUEST_PIN);
        assertThat(waiting.getString("reason")).isEqualTo("locked");
        try (SocketProbe lobbySocket = SocketProbe.open(server, host.getString("conferenceId")).authenticate(waiting.getString("token"))) {
            lobbySocket.next("waiting");

            assertThat(alice.delete("/api/v1/meetings/" + meeting.getString("id")).status()).isEqualTo(204);

            lobbySocket.next("ended");
        }

        assertRevoked(post(server, conference + "/participants/" + waiting.getString("participantId") + "/admit",
                host.getString("token")));
        assertRevoked(post(server, "/api/v1/join/wait", waiting.getString("token")));
        assertRevoked(post(server, "/api/v1/join/refresh", host.getString("token")));
        assertRevoked(post(server, "/api/v1/join/refresh", guest.getString("token")));
    }

    private static ApiResponse post(VestibuleServer server, String path, String token) {
        return server.newClient().withBearer(token).sendWithoutCsrf("POST", path, null);
    }

    private static void assertRevoked(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("token_revoked");
        assertThat(response.json().containsKey("token")).as("no token handed out").isFalse();
    }
}
