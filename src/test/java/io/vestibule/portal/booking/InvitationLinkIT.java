package io.vestibule.portal.booking;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Invitation links (R-JOIN-4) under the default policy: they name the meeting but never replace the PIN. */
@ExtendWith(ServerResolver.class)
class InvitationLinkIT {
    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    static ApiResponse invitationLink(PortalClient owner, JsonObject meeting) {
        return owner.sendRaw("POST", "/api/v1/meetings/" + meeting.getString("id") + "/invitation-link", null);
    }

    static String invitationToken(ApiResponse link) {
        String url = link.json().getString("url");
        return url.substring(url.indexOf("#invitation=") + "#invitation=".length());
    }

    static ApiResponse join(PortalClient client, String alias, String pin, String invitation) {
        var body = Json.createObjectBuilder().add("displayName", "Invited").add("invitation", invitation);
        if (pin != null) {
            body.add("pin", pin);
        }
        return client.sendWithoutCsrf("POST", "/api/v1/join/" + alias, body.build().toString());
    }

    @Test
    void theOwnerGetsTheJoinUrlWithAnInvitationTokenInItsFragment() {
        JsonObject meeting = Meetings.openNowInviting(alice, "host_and_guest_pins", "bob@demo.vestibule.local");

        ApiResponse link = invitationLink(alice, meeting);

        assertThat(link.status()).as(link.toString()).isEqualTo(200);
        assertThat(link.json().getString("url")).startsWith(meeting.getString("joinUrl") + "#invitation=");
        String token = invitationToken(link);
        assertThat(Meetings.header(token).getString("typ")).isEqualTo("vestibule-invitation+jwt");
        JsonObject claims = Meetings.claims(token);
        assertThat(claims.getString("role")).isEqualTo("guest");
        assertThat(claims.getString("sub")).isEqualTo("meeting:" + meeting.getString("id"));
        Instant expires = Instant.parse(link.json().getString("expiresAt"));
        assertThat(claims.getJsonNumber("exp").longValue()).isEqualTo(expires.getEpochSecond());
        Instant meetingEnd = Instant.parse(meeting.getString("end"));
        assertThat(expires).as("valid until the room closes after the meeting, no longer")
                .isAfter(meetingEnd).isBefore(meetingEnd.plus(Duration.ofHours(1)));
    }

    @Test
    void anInvitationAloneDoesNotReplaceTheGuestPin() {
        JsonObject meeting = Meetings.openNowInviting(alice, "host_and_guest_pins", "bob@demo.vestibule.local");
        String alias = Meetings.alias(meeting);
        String token = invitationToken(invitationLink(alice, meeting));
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword()).from("203.0.113.71");

        ApiResponse withoutPin = join(bob, alias, null, token);
        ApiResponse withPin = join(bob, alias, Meetings.GUEST_PIN, token);

        assertThat(withoutPin.status()).as(withoutPin.toString()).isEqualTo(403);
        assertThat(withoutPin.errorCode()).isEqualTo("pin_required");
        assertThat(withPin.status()).as(withPin.toString()).isEqualTo(200);
        assertThat(withPin.json().getString("role")).isEqualTo("guest");
        assertThat(server.logText()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void anInvitationToAnotherMeetingIsRefused() {
        JsonObject invitedTo = Meetings.openNow(alice, "host_and_guest_pins", false);
        JsonObject other = Meetings.openNow(alice, "host_and_guest_pins", false);
        String token = invitationToken(invitationLink(alice, invitedTo));

        ApiResponse response = join(server.newClient().from("203.0.113.72"), Meetings.alias(other), Meetings.GUEST_PIN, token);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("invalid_invitation");
        assertThat(response.json().getString("reason")).isEqualTo("token_room");
    }

    @Test
    void onlyTheOwnerGetsInvitationLinksAndOnlyForMeetingsStillAhead() {
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword());

        ApiResponse stranger = invitationLink(bob, meeting);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.errorCode()).isEqualTo("not_found");
        assertThat(invitationLink(server.newClient(), meeting).status())
                .isEqualTo(401);

        assertThat(alice.delete("/api/v1/meetings/" + meeting.getString("id")).status()).isEqualTo(204);
        ApiResponse cancelled = invitationLink(alice, meeting);
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.errorCode()).isEqualTo("meeting_cancelled");
    }
}
