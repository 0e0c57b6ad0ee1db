package io.vestibule.admin.api;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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
 * The console's Rooms API ({@code /rooms}) on the built jar: a room found by what people know of it, its meeting and
 * live conference seen, its participant limit changed for the next join, and closed: its conference ends as a host's
 * end does and it admits no one afterwards. Changes are audited.
 */
@ExtendWith(ServerResolver.class)
class RoomsAdminIT {
    private static final String TAG = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));

    @Test
    void anOperatorFindsARoomSeesItLiveLimitsItAndClosesIt(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        ApiResponse settings = dave.get("/join-settings");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        int serviceLimit = settings.json().getInt("participantLimit");
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        String title = meeting.getString("title");
        JsonObject room = meeting.getJsonObject("room");
        String roomId = room.getString("id");
        String alias = room.getString("alias");

        for (String typed : new String[] {title.toUpperCase(java.util.Locale.ROOT).substring(2), alias, room.getString("numericAlias"),
                server.baseUri().resolve("/join/" + alias) + "?lang=fr"}) {
            ApiResponse found = dave.get("/rooms?search=" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            assertThat(found.jsonArray().getValuesAs(JsonObject.class)).as(typed)
                    .extracting(entry -> entry.getString("id")).containsExactly(roomId);
        }
        assertThat(dave.get("/rooms?search=nothing-" + TAG).jsonArray()).isEmpty();

        JsonObject host = Meetings.join(server, "192.0.2.10", alias, "Hanna", HOST_PIN);
        JsonObject seen = dave.get("/rooms/" + roomId).json();
        assertThat(seen.getString("name")).isEqualTo(title);
        assertThat(seen.getJsonArray("aliases").getValuesAs(JsonObject.class)).extracting(entry -> entry.getString("alias"))
                .contains(alias, room.getString("numericAlias"));
        assertThat(seen.getJsonArray("meetings").getJsonObject(0).getString("title")).isEqualTo(title);
        assertThat(seen.isNull("participantLimit")).as("no limit of its own").isTrue();
        assertThat(seen.getJsonObject("live")).isEqualTo(Json.createObjectBuilder().add("startedAt", seen.getJsonObject("live").getString("startedAt"))
                .add("participants", 1).add("hosts", 1).add("lobby", 0).add("locked", false).build());

        ApiResponse limited = dave.put("/rooms/" + roomId + "/participant-limit", Json.createObjectBuilder().add("participantLimit", 1).build());
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        assertThat(limited.json().getInt("participantLimitInForce")).isEqualTo(1);
        ApiResponse full = server.newClient().from("192.0.2.11").sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", "Second").add("pin", HOST_PIN).build().toString());
        assertThat(full.errorCode()).as("the running conference follows the new limit at the next join").isEqualTo("conference_full");
        assertThat(dave.put("/rooms/" + roomId + "/participant-limit", Json.createObjectBuilder().add("participantLimit", 0).build()).json()
                .getString("field")).isEqualTo("participantLimit");
        assertThat(dave.put("/rooms/" + roomId + "/participant-limit", JsonObject.EMPTY_JSON_OBJECT).json().getString("field"))
                .isEqualTo("participantLimit");
        ApiResponse unlimited = dave.put("/rooms/" + roomId + "/participant-limit", Json.createObjectBuilder().addNull("participantLimit").build());
        assertThat(unlimited.json().isNull("participantLimit")).isTrue();

        assertThat(seen.isNull("newcomersWaitForAdmission")).as("the service's choice applies").isTrue();
        ApiResponse waits = dave.put("/rooms/" + roomId + "/newcomers-wait-for-admission",
                Json.createObjectBuilder().add("newcomersWaitForAdmission", true).build());
        assertThat(waits.status()).as(waits.toString()).isEqualTo(200);
        assertThat(waits.json().getBoolean("newcomersWaitForAdmission")).isTrue();
        assertThat(dave.put("/rooms/" + roomId + "/newcomers-wait-for-admission", Json.createObjectBuilder()
                .add("newcomersWaitForAdmission", "yes").build()).json().getString("field")).isEqualTo("newcomersWaitForAdmission");
        assertThat(dave.put("/rooms/" + roomId + "/newcomers-wait-for-admission", Json.createObjectBuilder()
                .addNull("newcomersWaitForAdmission").build()).json().isNull("newcomersWaitForAdmission")).isTrue();

        ApiResponse closed = dave.post("/rooms/" + roomId + "/close", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().getBoolean("closed")).isTrue();
        assertThat(closed.json().isNull("live")).as("its conference ended").isTrue();
        ApiResponse refreshed = server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST", "/api/v1/join/refresh", null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(401);
        ApiResponse again = server.newClient().from("192.0.2.12").sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", "Late").add("pin", HOST_PIN).build().toString());
        assertThat(again.errorCode()).as("a closed room admits no one").isEqualTo("not_found");

        assertThat(carol.get("/audit?type=admin.room.close").jsonArray().getJsonObject(0).getString("detail")).isEqualTo("room " + roomId);
        assertThat(carol.get("/audit?type=admin.room.participant-limit").jsonArray().getValuesAs(JsonObject.class))
                .extracting(event -> event.getString("detail")).contains("room " + roomId + ": service's (" + serviceLimit + ") -> 1",
                        "room " + roomId + ": 1 -> service's (" + serviceLimit + ")");
        assertThat(dave.get("/rooms/not-a-room").errorCode()).isEqualTo("not_found");
        assertThat(dave.post("/rooms/" + java.util.UUID.randomUUID() + "/close", JsonObject.EMPTY_JSON_OBJECT).errorCode()).isEqualTo("not_found");
        assertThat(dave.get("/rooms?search=" + "x".repeat(501)).json().getString("field")).isEqualTo("search");
    }
}
