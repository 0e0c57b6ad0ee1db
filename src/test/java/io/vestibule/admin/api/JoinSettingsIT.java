package io.vestibule.admin.api;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join settings of the console ({@code /join-settings}) on the built jar: each one saved takes effect on the next
 * join (or booking, for PINs) without a restart, each is refused outside the product's floors naming its field, and
 * each change is audited with before and after. The shared service's settings are restored afterwards.
 */
@ExtendWith(ServerResolver.class)
class JoinSettingsIT {
    /** Client addresses of this run only (100.64.0.0/10), so that blocks from an earlier run or another test never mix in. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOOPBACK_ALLOWED_0 = "127.0.0.1/32";
    private static final String LOOPBACK_ALLOWED_1 = "::1/128";

    private static String address() {
        return "100." + (64 + RANDOM.nextInt(64)) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }

    @Test
    void eachSettingSavedInTheConsoleTakesEffectOnTheNextJoin(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject before = dave.get("/join-settings").json();
        String exempt = address();
        try {
            ApiResponse saved = dave.put("/join-settings", Json.createObjectBuilder()
                    .add("tokenLifetimeSeconds", 60).add("lobbyMinutes", 3).add("participantLimit", 2)
                    .add("minutesBeforeStart", 90).add("roomFailures", 2).add("addressAttempts", 3)
                    .add("breakInAllowList", Json.createArrayBuilder().add(LOOPBACK_ALLOWED_0).add(LOOPBACK_ALLOWED_1).add(exempt))
                    .build());
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().getInt("tokenLifetimeSeconds")).isEqualTo(60);
            assertThat(dave.get("/join-settings").json()).isEqualTo(saved.json());
            JsonObject audited = carol.get("/audit?type=admin.join-settings.change").jsonArray().getJsonObject(0);
            assertThat(audited.getString("actor")).startsWith("dave");
            assertThat(audited.getString("detail")).isEqualTo(before + " -> " + saved.json());

            // The join token lifetime, and the participant limit of a room without its own.
            String open = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
            JsonObject host = Meetings.join(server, address(), open, "First host", HOST_PIN);
            JsonObject claims = Meetings.claims(host.getString("token"));
            assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).isEqualTo(60);
            Meetings.join(server, address(), open, "Second host", HOST_PIN);
            assertThat(join(server, address(), open, HOST_PIN).errorCode()).as("the limit of 2 holds").isEqualTo("conference_full");

            // The lobby timeout: a guest waiting for a host holds a lobby token for 3 minutes.
            String waiting = Meetings.alias(Meetings.openNow(alice, "host_pin_only", true));
            ApiResponse guest = join(server, address(), waiting, null);
            assertThat(guest.status()).as(guest.toString()).isEqualTo(202);
            JsonObject lobby = Meetings.claims(guest.json().getString("token"));
            assertThat(lobby.getJsonNumber("exp").longValue() - lobby.getJsonNumber("iat").longValue()).isEqualTo(180);

            // The join window: a meeting an hour away is open with 90 minutes before its start.
            String early = Meetings.alias(Meetings.book(alice, "host_pin_only", false, Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(1)));
            assertThat(join(server, address(), early, HOST_PIN).status()).isEqualTo(200);

            // Break-in per room: the third wrong PIN (more than 2) blocks the room, which then answers as if it did not exist.
            String guarded = Meetings.alias(Meetings.openNow(alice, "host_pin_only", false));
            for (int i = 0; i < 3; i++) {
                assertThat(join(server, address(), guarded, "10293847").errorCode()).isEqualTo("invalid_pin");
            }
            assertThat(join(server, address(), guarded, HOST_PIN).errorCode()).isEqualTo("not_found");

            // Break-in per address: the fourth attempt (more than 3) is refused; an allow-listed address is never counted.
            String scanner = address();
            for (int i = 0; i < 3; i++) {
                assertThat(join(server, scanner, "nowhere" + i, null).errorCode()).isEqualTo("not_found");
            }
            assertThat(join(server, scanner, "nowhere", null).status()).isEqualTo(429);
            for (int i = 0; i < 5; i++) {
                assertThat(join(server, exempt, "nowhere" + i, null).errorCode()).isEqualTo("not_found");
            }

            // PINs, checked last since the other meetings here choose 8 digits: generated with 11 digits; 8 are too few now.
            assertThat(dave.put("/join-settings", Json.createObjectBuilder().add("pinLength", 11).add("pinMinimumLength", 9).build())
                    .status()).isEqualTo(200);
            ApiResponse generated = alice.post("/api/v1/meetings", booking(Instant.now(), null));
            assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
            assertThat(generated.json().getJsonObject("room").getString("hostPin")).hasSize(11);
            ApiResponse tooShort = alice.post("/api/v1/meetings", booking(Instant.now(), HOST_PIN));
            assertThat(tooShort.status()).as(tooShort.toString()).isEqualTo(400);
            assertThat(tooShort.json().getString("field")).isEqualTo("hostPin");
            assertThat(tooShort.json().getJsonArray("rules").getString(0)).isEqualTo("too_short");
        } finally {
            ApiResponse restored = dave.put("/join-settings", before);
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        }
    }

    @Test
    void aSettingBelowTheProductsFloorsIsRefusedNamingItsFieldAndNothingChanges(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        JsonObject before = dave.get("/join-settings").json();
        Map<JsonObject, String> refusals = new LinkedHashMap<>();
        refuse(refusals, "pinLength", Json.createValue(5));
        refuse(refusals, "pinLength", Json.createValue(21));
        refuse(refusals, "pinMinimumLength", Json.createValue(5));
        refusals.put(Json.createObjectBuilder().add("pinLength", 8).add("pinMinimumLength", 9).build(), "pinMinimumLength");
        refuse(refusals, "tokenLifetimeSeconds", Json.createValue(29));
        refuse(refusals, "tokenLifetimeSeconds", Json.createValue(901));
        refuse(refusals, "tokenLifetimeSeconds", Json.createValue("120"));
        refuse(refusals, "lobbyMinutes", Json.createValue(0));
        refuse(refusals, "lobbyMinutes", Json.createValue(16));
        refuse(refusals, "roomFailures", Json.createValue(0));
        refuse(refusals, "roomFailures", Json.createValue(101));
        refuse(refusals, "addressAttempts", Json.createValue(1.5));
        refuse(refusals, "roomBlockMinutes", Json.createValue(0));
        refuse(refusals, "addressWindowMinutes", Json.createValue(1441));
        refuse(refusals, "minutesBeforeStart", Json.createValue(-1));
        refuse(refusals, "minutesAfterEnd", Json.createValue(1441));
        refuse(refusals, "participantLimit", Json.createValue(0));
        refuse(refusals, "participantLimit", Json.createValue(1001));
        refuse(refusals, "breakInAllowList", Json.createArrayBuilder().add("0.0.0.0/0").build());
        refuse(refusals, "breakInAllowList", Json.createArrayBuilder().add("127.0.0.1/32").add("::/0").build());
        refuse(refusals, "breakInAllowList", Json.createArrayBuilder().add("not an address").build());
        refuse(refusals, "breakInAllowList", Json.createValue("127.0.0.1/32"));
        refuse(refusals, "tokenLifetime", Json.createValue(60));
        List<String> wrong = new ArrayList<>();
        refusals.forEach((body, field) -> {
            ApiResponse answer = dave.put("/join-settings", body);
            if (answer.status() != 400 || !"invalid_request".equals(answer.errorCode()) || !field.equals(answer.json().getString("field", null))) {
                wrong.add(body + ": " + answer);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(dave.get("/join-settings").json()).as("nothing changed").isEqualTo(before);
    }

    private static void refuse(Map<JsonObject, String> refusals, String field, JsonValue value) {
        refusals.put(Json.createObjectBuilder().add(field, value).build(), field);
    }

    private static ApiResponse join(VestibuleServer server, String source, String alias, String pin) {
        var body = Json.createObjectBuilder().add("displayName", "Newcomer");
        if (pin != null) {
            body.add("pin", pin);
        }
        return server.newClient().from(source).sendWithoutCsrf("POST", "/api/v1/join/" + alias, body.build().toString());
    }

    /** A meeting starting {@code start}, its host PIN chosen or (null) generated. */
    private static JsonObject booking(Instant start, String hostPin) {
        var request = Json.createObjectBuilder().add("title", "PIN policy " + start.toEpochMilli())
                .add("start", start.atOffset(ZoneOffset.UTC).toString())
                .add("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString())
                .add("timeZone", "UTC").add("roomType", "host_pin_only").add("guestsWaitForHost", false)
                .add("invitees", Json.createArrayBuilder());
        if (hostPin != null) {
            request.add("hostPin", hostPin);
        }
        return request.build();
    }
}
