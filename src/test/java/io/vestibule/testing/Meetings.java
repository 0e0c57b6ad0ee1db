package io.vestibule.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Meetings booked through the API for tests of what follows booking: joining, lobbies, locks. */
public final class Meetings {
    public static final String HOST_PIN = "48291736";
    public static final String GUEST_PIN = "95027314";

    private Meetings() {
    }

    /**
     * Joins a room with a PIN from the given client address (the service trusts loopback's X-Forwarded-For), and
     * expects to be let in or to wait.
     */
    public static JsonObject join(VestibuleServer server, String source, String alias, String displayName, String pin) {
        ApiResponse response = server.newClient().from(source).sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", displayName).add("pin", pin).build().toString());
        if (response.status() != 200 && response.status() != 202) {
            throw new AssertionError("Joining " + alias + " failed: " + response);
        }
        return response.json();
    }

    /** A meeting whose room admits joins now: it started five minutes ago and lasts an hour. */
    public static JsonObject openNow(PortalClient owner, String roomType, boolean guestsWaitForHost) {
        return book(owner, roomType, guestsWaitForHost, Instant.now().minus(Duration.ofMinutes(5)), Duration.ofHours(1));
    }

    /** As {@link #openNow(PortalClient, String, boolean)}, inviting these addresses. */
    public static JsonObject openNowInviting(PortalClient owner, String roomType, String... invitees) {
        return book(owner, roomType, false, Instant.now().minus(Duration.ofMinutes(5)), Duration.ofHours(1), invitees);
    }

    /** As {@link #openNow(PortalClient, String, boolean)} for a host-PIN-only room, with this title. */
    public static JsonObject openNowTitled(PortalClient owner, String title) {
        return book(owner, title, "host_pin_only", false, Instant.now().minus(Duration.ofMinutes(5)), Duration.ofHours(1));
    }

    public static JsonObject book(PortalClient owner, String roomType, boolean guestsWaitForHost, Instant start, Duration length,
                                  String... invitees) {
        return book(owner, "Joinable " + Instant.now().toEpochMilli(), roomType, guestsWaitForHost, start, length, invitees);
    }

    private static JsonObject book(PortalClient owner, String title, String roomType, boolean guestsWaitForHost, Instant start,
                                   Duration length, String... invitees) {
        JsonObjectBuilder request = Json.createObjectBuilder()
                .add("title", title)
                .add("start", start.atOffset(ZoneOffset.UTC).toString())
                .add("end", start.plus(length).atOffset(ZoneOffset.UTC).toString())
                .add("timeZone", "UTC")
                .add("roomType", roomType)
                .add("guestsWaitForHost", guestsWaitForHost)
                .add("hostPin", HOST_PIN)
                .add("invitees", Json.createArrayBuilder(List.of(invitees)));
        if (roomType.equals("host_and_guest_pins")) {
            request.add("guestPin", GUEST_PIN);
        }
        ApiResponse response = owner.post("/api/v1/meetings", request.build());
        if (response.status() != 201) {
            throw new AssertionError("Booking failed: " + response);
        }
        return response.json();
    }

    public static String alias(JsonObject meeting) {
        return meeting.getJsonObject("room").getString("alias");
    }

    /** The claims of a compact JWS, read without checking anything (the service checks; tests only look). */
    public static JsonObject claims(String token) {
        return part(token, 1);
    }

    public static JsonObject header(String token) {
        return part(token, 0);
    }

    private static JsonObject part(String token, int index) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }
}
