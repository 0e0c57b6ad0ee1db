package io.vestibule.portal.booking;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnSeveralSettings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.portal.booking.InvitationLinkIT.invitationLink;
import static io.vestibule.portal.booking.InvitationLinkIT.invitationToken;
import static io.vestibule.portal.booking.InvitationLinkIT.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-JOIN-4's policy switch: with VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN (on {@link OnSeveralSettings}'s service), a
 * signed-in invitee holding the meeting's invitation joins as a guest without the guest PIN; nobody else does.
 */
@ExtendWith(ServerResolver.class)
class InviteesSkipGuestPinIT {
    private static VestibuleServer server;

    @BeforeAll
    static void server(@OnSeveralSettings VestibuleServer withTheSetting) {
        assertThat(withTheSetting.setting("VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN")).isEqualTo("true");
        server = withTheSetting;
    }

    @Test
    void aSignedInInviteeWithTheInvitationNeedsNoGuestPinAndOthersStillDo() {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNowInviting(alice, "host_and_guest_pins", "bob@demo.vestibule.local");
        String alias = Meetings.alias(meeting);
        String token = invitationToken(invitationLink(alice, meeting));
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword()).from("203.0.113.81");
        PortalClient ownerNotInvited = server.newClient().signIn("alice", server.demoPassword()).from("203.0.113.82");
        PortalClient anonymous = server.newClient().from("203.0.113.83");

        ApiResponse invitee = join(bob, alias, null, token);
        ApiResponse notInvited = join(ownerNotInvited, alias, null, token);
        ApiResponse notSignedIn = join(anonymous, alias, null, token);
        ApiResponse inviteeWithoutLink = bob.sendWithoutCsrf("POST", "/api/v1/join/" + alias, "{\"displayName\":\"Bob\"}");

        assertThat(invitee.status()).as(invitee.toString()).isEqualTo(200);
        assertThat(invitee.json().getString("role")).isEqualTo("guest");
        for (ApiResponse refused : new ApiResponse[] {notInvited, notSignedIn, inviteeWithoutLink}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("pin_required");
        }
    }

    @Test
    void anInvitationDoesNotExcuseAWrongPin() {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNowInviting(alice, "host_and_guest_pins", "bob@demo.vestibule.local");
        String token = invitationToken(invitationLink(alice, meeting));
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword()).from("203.0.113.84");

        ApiResponse wrongPin = join(bob, Meetings.alias(meeting), "11112222", token);

        assertThat(wrongPin.status()).as(wrongPin.toString()).isEqualTo(403);
        assertThat(wrongPin.errorCode()).isEqualTo("invalid_pin");
    }
}
