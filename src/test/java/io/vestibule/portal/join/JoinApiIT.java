package io.vestibule.portal.join;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.GUEST_PIN;
import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The join flow of API.md ("Joining", "Conference control") against the built service. */
@ExtendWith(ServerResolver.class)
class JoinApiIT {
    /** Each test's clients come from their own addresses (TEST-NET ranges), so break-in counts never mix. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    private PortalClient participant() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return server.newClient().from("198.51." + (n / 250) + "." + (n % 250 + 1));
    }

    private static ApiResponse join(PortalClient client, String alias, String name, String pin) {
        var body = Json.createObjectBuilder().add("displayName", name);
        if (pin != null) {
            body.add("pin", pin);
        }
        return client.sendWithoutCsrf("POST", "/api/v1/join/" + alias, body.build().toString());
    }

    private static ApiResponse post(PortalClient client, String path, String token) {
        return client.withBearer(token).sendWithoutCsrf("POST", path, null);
    }

    @Test
    void aBodyNestedTooDeepIsRefusedAsInvalidNotAsAnInternalError() {
        ApiResponse refused = participant().sendWithoutCsrf("POST", "/api/v1/join/12345678", "[".repeat(1000) + "]".repeat(1000));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_request");
        assertThat(refused.json().getString("field")).isEqualTo("body");
    }

    @Test
    void aRoomWithTwoPinsAsksForOneWhenNoneIsGiven() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));

        ApiResponse response = join(participant(), alias, "Nobody yet", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("pin_required");
        assertThat(response.json().getJsonObject("pin")).isEqualTo(Json.createObjectBuilder()
                .add("host", "required").add("guest", "required").build());
    }

    @Test
    void thePinDecidesTheRoleAndAWrongPinIsRefused() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));

        ApiResponse host = join(participant(), alias, "Hanna", HOST_PIN);
        ApiResponse guest = join(participant(), alias, "Gael", GUEST_PIN);
        ApiResponse wrong = join(participant(), alias, "Mallory", "11112222");

        assertThat(host.status()).as(host.toString()).isEqualTo(200);
        assertThat(host.json().getString("role")).isEqualTo("host");
        assertThat(host.json().getInt("expires")).isBetween(110, 120);
        assertThat(guest.json().getString("role")).isEqualTo("guest");
        assertThat(guest.json().getString("conferenceId")).isEqualTo(host.json().getString("conferenceId"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errorCode()).isEqualTo("invalid_pin");
        assertThat(wrong.body()).doesNotContain(HOST_PIN).doesNotContain(GUEST_PIN);
    }

    @Test
    void aHostPinOnlyRoomLetsAParticipantWithoutPinInAsAGuest() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));

        ApiResponse guest = join(participant(), alias, "Walk-in", null);

        assertThat(guest.status()).as(guest.toString()).isEqualTo(200);
        assertThat(guest.json().getString("role")).isEqualTo("guest");
        assertThat(join(participant(), alias, "Host", HOST_PIN).json().getString("role")).isEqualTo("host");
    }

    @Test
    void aGuestBeforeTheHostWaitsAndIsLetInWhenTheHostJoins() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", true));
        PortalClient guestClient = participant();

        ApiResponse waiting = join(guestClient, alias, "Early guest", GUEST_PIN);
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
        assertThat(waiting.json().getString("status")).isEqualTo("waiting");
        assertThat(waiting.json().getString("reason")).isEqualTo("waiting_for_host");
        String lobbyToken = waiting.json().getString("token");
        assertThat(Meetings.header(lobbyToken).getString("typ")).isEqualTo("vestibule-lobby+jwt");
        assertThat(post(server.newClient(), "/api/v1/join/wait", lobbyToken).status()).isEqualTo(202);

        assertThat(join(participant(), alias, "Host", HOST_PIN).status()).isEqualTo(200);

        ApiResponse admitted = post(server.newClient(), "/api/v1/join/wait", lobbyToken);
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        assertThat(admitted.json().getString("role")).isEqualTo("guest");
        assertThat(admitted.json().getString("participantId")).isEqualTo(waiting.json().getString("participantId"));
        assertThat(Meetings.header(admitted.json().getString("token")).getString("typ")).isEqualTo("vestibule-join+jwt");
    }

    @Test
    void aLockedConferenceLetsNobodyInUntilAHostAdmitsThem() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(participant(), alias, "Host", HOST_PIN).json();
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        assertThat(post(server.newClient(), conference + "/lock", host.getString("token")).status()).isEqualTo(204);

        ApiResponse guest = join(participant(), alias, "Late guest", GUEST_PIN);
        assertThat(guest.status()).isEqualTo(202);
        assertThat(guest.json().getString("reason")).isEqualTo("locked");
        assertThat(join(participant(), alias, "Second host", HOST_PIN).status()).isEqualTo(200);
        String lobbyToken = guest.json().getString("token");
        assertThat(post(server.newClient(), "/api/v1/join/wait", lobbyToken).status()).as("still locked out").isEqualTo(202);

        ApiResponse lobbyAsControl = post(server.newClient(), conference + "/unlock", lobbyToken);
        assertThat(lobbyAsControl.status()).isEqualTo(401);
        assertThat(lobbyAsControl.errorCode()).isEqualTo("token_type");

        ApiResponse list = server.newClient().withBearer(host.getString("token")).get(conference + "/participants");
        assertThat(list.json().getBoolean("locked")).isTrue();
        assertThat(list.json().getJsonArray("lobby").getJsonObject(0).getString("displayName")).isEqualTo("Late guest");

        ApiResponse admit = post(server.newClient(), conference + "/participants/" + guest.json().getString("participantId") + "/admit",
                host.getString("token"));
        assertThat(admit.status()).isEqualTo(204);
        assertThat(post(server.newClient(), "/api/v1/join/wait", lobbyToken).status()).isEqualTo(200);
    }

    @Test
    void aMeetingThatHasNotOpenedSaysWhenItOpens() {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String alias = Meetings.alias(Meetings.book(alice, "host_and_guest_pins", false, start, Duration.ofHours(1)));

        ApiResponse early = join(participant(), alias, "Too early", HOST_PIN);

        assertThat(early.status()).isEqualTo(403);
        assertThat(early.errorCode()).isEqualTo("outside_window");
        assertThat(Instant.parse(early.json().getString("opensAt"))).isEqualTo(start.minus(Duration.ofMinutes(15)));
    }

    @Test
    void unknownAliasesAndCancelledMeetingsAreNotFound() {
        JsonObject meeting = Meetings.openNow(alice, "host_and_guest_pins", false);
        assertThat(alice.delete("/api/v1/meetings/" + meeting.getString("id")).status()).isEqualTo(204);

        for (String alias : new String[] {Meetings.alias(meeting), "no-such-room", "x", "../../etc/passwd"}) {
            ApiResponse response = join(participant(), alias, "Visitor", HOST_PIN);
            assertThat(response.status()).as(alias + ": " + response).isEqualTo(404);
        }
    }

    /** Joins read rooms from memory (JoinableRooms): a change must still apply to the very next join. */
    @Test
    void aChangeOfTheMeetingOrItsPinsAppliesToTheVeryNextJoin() {
        JsonObject meeting = Meetings.openNow(alice, "host_and_guest_pins", false);
        String alias = Meetings.alias(meeting);
        String path = "/api/v1/meetings/" + meeting.getString("id");
        assertThat(join(participant(), alias, "Before", GUEST_PIN).status()).isEqualTo(200);

        String newGuestPin = "36185027";
        assertThat(alice.patch(path, Json.createObjectBuilder().add("guestPin", newGuestPin).build()).status()).isEqualTo(200);
        assertThat(join(participant(), alias, "Old PIN", GUEST_PIN).errorCode()).isEqualTo("invalid_pin");
        assertThat(join(participant(), alias, "New PIN", newGuestPin).json().getString("role")).isEqualTo("guest");

        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        assertThat(alice.patch(path, Json.createObjectBuilder()
                .add("start", tomorrow.toString()).add("end", tomorrow.plus(Duration.ofHours(1)).toString()).build()).status())
                .isEqualTo(200);
        assertThat(join(participant(), alias, "Moved", newGuestPin).errorCode()).isEqualTo("outside_window");

        assertThat(alice.delete(path).status()).isEqualTo(204);
        assertThat(join(participant(), alias, "Cancelled", HOST_PIN).status()).isEqualTo(404);
    }

    @Test
    void twentyOneWrongPinsMakeTheRoomLookNonexistentEvenWithTheRightPin() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(join(participant(), alias, "Guesser", String.format("%08d", 10_000_000 + attempt * 7919)).errorCode())
                    .as("failure " + attempt).isEqualTo("invalid_pin");
        }
        assertThat(join(participant(), alias, "Host", HOST_PIN).status()).as("twenty failures do not block").isEqualTo(200);

        assertThat(join(participant(), alias, "Guesser", "31415926").errorCode()).isEqualTo("invalid_pin");

        ApiResponse rightPin = join(participant(), alias, "Host again", HOST_PIN);
        assertThat(rightPin.status()).as(rightPin.toString()).isEqualTo(404);
        assertThat(rightPin.errorCode()).isEqualTo("not_found");
        assertThat(server.logText()).contains("ALARM break_in_room").contains("198.51.");
    }

    @Test
    void twentyOneAttemptsFromOneAddressAreRefusedWhileAnotherAddressStillJoins() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
        PortalClient scanner = server.newClient().from("203.0.113.77");
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(join(scanner, alias, "Scanner", null).status()).as("attempt " + attempt).isEqualTo(200);
        }

        ApiResponse blocked = join(scanner, alias, "Scanner", null);

        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(429);
        assertThat(blocked.errorCode()).isEqualTo("blocked");
        assertThat(Integer.parseInt(blocked.header("retry-after"))).isBetween(1, 600);
        assertThat(join(server.newClient().from("203.0.113.78"), alias, "Neighbour", null).status()).isEqualTo(200);
        assertThat(server.logText()).contains("ALARM break_in_address").contains("203.0.113.77");
    }

    @Test
    void aForgedLeftMostForwardedForEntryDoesNotChooseTheClient() {
        // Loopback is the trusted proxy here; the header names the client. A header forged by that client,
        // left-most in the chain, must not choose its identity: the proxy's right-most entry does.
        String alias = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
        for (int attempt = 1; attempt <= 20; attempt++) {
            join(server.newClient().from("192.0.2.1, 203.0.113.99"), alias, "Spoofer", null);
        }
        assertThat(join(server.newClient().from("192.0.2.2, 203.0.113.99"), alias, "Spoofer", null).status()).isEqualTo(429);
    }

    @Test
    void aHostOfOneConferenceCannotControlAnotherAndGuestsControlNothing() {
        String aliasA = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        String aliasB = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject hostA = join(participant(), aliasA, "Host A", HOST_PIN).json();
        JsonObject hostB = join(participant(), aliasB, "Host B", HOST_PIN).json();
        JsonObject guestB = join(participant(), aliasB, "Guest B", GUEST_PIN).json();
        String conferenceB = "/api/v1/conferences/" + hostB.getString("conferenceId");

        for (ApiResponse refused : new ApiResponse[] {
                post(server.newClient(), conferenceB + "/lock", hostA.getString("token")),
                post(server.newClient(), conferenceB + "/lock", guestB.getString("token")),
                post(server.newClient(), conferenceB + "/end", hostA.getString("token")),
                post(server.newClient(), conferenceB + "/participants/" + guestB.getString("participantId") + "/remove", hostA.getString("token")),
                server.newClient().withBearer(guestB.getString("token")).get(conferenceB + "/participants")}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
        }
        assertThat(server.newClient().withBearer(hostB.getString("token")).get(conferenceB + "/participants").json()
                .getBoolean("locked")).isFalse();
    }

    @Test
    void aJoinTokenRefreshesOnceAndIsVoidOnceReleased() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
        String first = join(participant(), alias, "Refresher", null).json().getString("token");

        ApiResponse refreshed = post(server.newClient(), "/api/v1/join/refresh", first);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.json().getString("token");
        assertThat(second).isNotEqualTo(first);

        ApiResponse replay = post(server.newClient(), "/api/v1/join/refresh", first);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("token_replayed");

        assertThat(post(server.newClient(), "/api/v1/join/release", second).status()).isEqualTo(204);
        ApiResponse afterRelease = post(server.newClient(), "/api/v1/join/refresh", second);
        assertThat(afterRelease.status()).isEqualTo(401);
        assertThat(afterRelease.errorCode()).isEqualTo("token_revoked");
    }

    @Test
    void aTokenUsedForARefreshNoLongerControlsTheConference() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(participant(), alias, "Host", HOST_PIN).json();
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        String fresh = post(server.newClient(), "/api/v1/join/refresh", host.getString("token")).json().getString("token");

        ApiResponse stale = post(server.newClient(), conference + "/lock", host.getString("token"));

        assertThat(stale.status()).as(stale.toString()).isEqualTo(401);
        assertThat(stale.errorCode()).isEqualTo("token_replayed");
        assertThat(post(server.newClient(), conference + "/lock", fresh).status()).isEqualTo(204);
    }

    @Test
    void aRemovedParticipantLosesTheConferenceAndAnEndedConferenceVoidsEveryToken() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(participant(), alias, "Host", HOST_PIN).json();
        JsonObject guest = join(participant(), alias, "Guest", GUEST_PIN).json();
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");

        assertThat(post(server.newClient(), conference + "/participants/" + guest.getString("participantId") + "/remove",
                host.getString("token")).status()).isEqualTo(204);
        assertThat(post(server.newClient(), "/api/v1/join/refresh", guest.getString("token")).errorCode()).isEqualTo("token_revoked");

        assertThat(post(server.newClient(), conference + "/end", host.getString("token")).status()).isEqualTo(204);
        assertThat(post(server.newClient(), "/api/v1/join/refresh", host.getString("token")).errorCode()).isEqualTo("token_revoked");
        JsonObject next = join(participant(), alias, "Host", HOST_PIN).json();
        assertThat(next.getString("conferenceId")).as("a new conference").isNotEqualTo(host.getString("conferenceId"));
    }

    @Test
    void joinTokensCarryTheContractsClaimsAndVerifyWithThePublishedKeys() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject joined = join(participant(), alias, "Claims", HOST_PIN).json();
        String token = joined.getString("token");

        JsonObject header = Meetings.header(token);
        JsonObject claims = Meetings.claims(token);
        assertThat(header.getString("alg")).isEqualTo("ES256");
        assertThat(claims.getString("sub")).isEqualTo(joined.getString("participantId"));
        assertThat(claims.getString("room")).isEqualTo(joined.getString("conferenceId"));
        assertThat(claims.getString("role")).isEqualTo("host");
        assertThat(claims.getString("iss")).isEqualTo(server.baseUri().toString());
        assertThat(claims.keySet()).contains("aud", "jti", "iat", "nbf", "exp");
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).isEqualTo(120);

        JsonObject keys = server.newClient().get("/api/v1/keys").json();
        assertThat(keys.getJsonArray("keys").getValuesAs(JsonObject.class))
                .anySatisfy(key -> assertThat(key.getString("kid")).isEqualTo(header.getString("kid")))
                .allSatisfy(key -> assertThat(key.containsKey("d")).isFalse());
    }

    @Test
    void tokensOnlyTravelInTheAuthorizationHeader() {
        for (ApiResponse response : new ApiResponse[] {
                server.newClient().sendWithoutCsrf("POST", "/api/v1/join/refresh", null),
                server.newClient().withBearer("not-a-token").sendWithoutCsrf("POST", "/api/v1/join/refresh", null),
                server.newClient().sendWithoutCsrf("POST", "/api/v1/join/refresh?token=eyJhbGciOiJFUzI1NiJ9.e30.AA", null)}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
        }
    }

    @Test
    void badJoinRequestsNameTheField() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
        PortalClient client = participant();
        record Case(String body, String field) {
        }
        for (Case bad : new Case[] {
                new Case("{}", "displayName"),
                new Case("{\"displayName\": \"" + "n".repeat(81) + "\"}", "displayName"),
                new Case("{\"displayName\": \"line\\nbreak\"}", "displayName"),
                new Case("{\"displayName\": \"Eve\", \"pin\": 12345678}", "pin"),
                new Case("{\"displayName\": \"Eve\", \"role\": \"host\"}", "role"),
                new Case("not json", "body")}) {
            ApiResponse response = client.sendWithoutCsrf("POST", "/api/v1/join/" + alias, bad.body());
            assertThat(response.status()).as(bad.body() + " -> " + response).isEqualTo(400);
            assertThat(response.json().getString("field")).isEqualTo(bad.field());
        }
    }

    @Test
    void aForgedInvitationIsRefused() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));

        ApiResponse response = participant().sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                "{\"displayName\":\"Forger\",\"invitation\":\"eyJhbGciOiJub25lIn0.e30.\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("invalid_invitation");
    }

    @Test
    void repeatedFailedSignInsLockTheAccountEvenForTheRightPassword() {
        // Signed in before the block, so that the block can be lifted after: the shared server's later classes sign
        // dave in and out, and a wrong password of theirs would otherwise meet this block for 15 minutes.
        AdminClient administrator = server.newAdminClient().signIn("dave", server.demoPassword());
        try {
            for (int attempt = 1; attempt <= 11; attempt++) {
                ApiResponse wrong = server.newClient().from("192.0.2." + (100 + attempt)).login("dave", "wrong-" + attempt);
                assertThat(wrong.status()).as("failure " + attempt).isEqualTo(401);
            }

            ApiResponse right = server.newClient().from("192.0.2.200").login("dave", server.demoPassword());

            assertThat(right.status()).as(right.toString()).isEqualTo(429);
            assertThat(right.errorCode()).isEqualTo("blocked");
            assertThat(right.header("retry-after")).isNotNull();
            assertThat(server.logText()).contains("ALARM break_in_account");
        } finally {
            ApiResponse lifted = administrator.post("/blocks/lift", Json.createObjectBuilder().add("kind", "account").add("subject", "dave").build());
            assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        }
        ApiResponse afterLift = server.newClient().from("192.0.2.201").login("dave", server.demoPassword());
        assertThat(afterLift.errorCode()).as("the lifted block no longer refuses the right password: " + afterLift).isNotEqualTo("blocked");
    }
}
