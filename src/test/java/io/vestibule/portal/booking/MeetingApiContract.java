package io.vestibule.portal.booking;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meetings API of API.md, as a signed-in browser uses it: the same checks run against the embedded database
 * ({@link MeetingApiIT}) and PostgreSQL ({@link MeetingApiPostgresIT}).
 */
abstract class MeetingApiContract {
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    abstract VestibuleServer server();

    PortalClient alice() {
        return server().newClient().signIn("alice", server().demoPassword());
    }

    PortalClient bob() {
        return server().newClient().signIn("bob", server().demoPassword());
    }

    static JsonObjectBuilder meeting(String title) {
        ZonedDateTime start = LocalDate.now(MADRID).plusDays(7).atTime(10, 0).atZone(MADRID);
        return Json.createObjectBuilder()
                .add("title", title)
                .add("start", start.toOffsetDateTime().toString())
                .add("end", start.plusHours(1).toOffsetDateTime().toString())
                .add("timeZone", "Europe/Madrid")
                .add("invitees", Json.createArrayBuilder().add("guest.one@example.org").add("guest.two@example.org"))
                .add("roomType", "host_and_guest_pins")
                .add("guestsWaitForHost", true);
    }

    JsonObject book(PortalClient client, JsonObject request) {
        ApiResponse response = client.post("/api/v1/meetings", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    static Calendar calendar(ApiResponse response) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/calendar");
        return new CalendarBuilder().build(new StringReader(response.body()));
    }

    @Test
    void aBookedMeetingHasARoomWithStrongDistinctPinsAndAnInvitation() throws Exception {
        PortalClient alice = alice();
        ApiResponse created = alice.post("/api/v1/meetings", meeting("Quarterly review").build());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject meeting = created.json();
        assertThat(created.header("location")).endsWith("/api/v1/meetings/" + meeting.getString("id"));
        assertThat(meeting.getString("status")).isEqualTo("scheduled");
        assertThat(meeting.getString("timeZone")).isEqualTo("Europe/Madrid");
        JsonObject room = meeting.getJsonObject("room");
        assertThat(room.getString("hostPin")).matches("\\d{8}");
        assertThat(room.getString("guestPin")).matches("\\d{8}").isNotEqualTo(room.getString("hostPin"));
        assertThat(room.getString("alias")).matches("[a-z0-9-]{12}");
        assertThat(room.getString("numericAlias")).matches("\\d{10}");
        assertThat(meeting.getString("joinUrl")).isEqualTo(server().baseUri() + "join/" + room.getString("alias"));

        Calendar invitation = calendar(alice.get("/api/v1/meetings/" + meeting.getString("id") + "/invite.ics"));
        assertThat(invitation.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        VEvent event = (VEvent) invitation.getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("0");
        assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/Madrid");
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).contains(room.getString("guestPin"));
        assertThat(alice.get("/api/v1/meetings/" + meeting.getString("id") + "/invite.ics").body()).doesNotContain(room.getString("hostPin"));
    }

    /** ical4j logs through SLF4J; without a provider, SLF4J warns once on standard error and drops the library's log. */
    @Test
    void theCalendarLibraryLogsToTheServerLog() throws Exception {
        PortalClient alice = alice();
        JsonObject booked = book(alice, meeting("Logging " + UUID.randomUUID()).build());

        calendar(alice.get("/api/v1/meetings/" + booked.getString("id") + "/invite.ics"));

        assertThat(server().logText()).doesNotContain("No SLF4J providers were found").doesNotContain("SLF4J(W)");
    }

    @Test
    void aMeetingInUtcIsInvitedToInUtcWithoutATimeZoneDefinition() throws Exception {
        PortalClient alice = alice();
        JsonObject meeting = book(alice, meeting("In UTC").add("timeZone", "UTC").build());
        Calendar invitation = calendar(alice.get("/api/v1/meetings/" + meeting.getString("id") + "/invite.ics"));
        assertThat(invitation.validate().hasErrors()).as(invitation.validate().toString()).isFalse();
        VEvent event = (VEvent) invitation.getComponent("VEVENT").orElseThrow();
        for (String time : List.of("DTSTART", "DTEND")) {
            assertThat(event.getProperty(time).orElseThrow().getParameter("TZID")).as(time).isEmpty();
            assertThat(event.getProperty(time).orElseThrow().getValue()).as(time).endsWith("Z");
        }
        assertThat(invitation.getComponents("VTIMEZONE")).isEmpty();
    }

    @Test
    void meetingsAreListedChangedAndCancelledWithTheInvitationFollowing() throws Exception {
        PortalClient alice = alice();
        String title = "Lifecycle " + UUID.randomUUID();
        JsonObject booked = book(alice, meeting(title).build());
        String id = booked.getString("id");
        String path = "/api/v1/meetings/" + id;

        assertThat(alice.get("/api/v1/meetings").jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(listed -> assertThat(listed.getString("title")).isEqualTo(title));

        ZonedDateTime later = LocalDate.now(MADRID).plusDays(8).atTime(15, 30).atZone(MADRID);
        ApiResponse patched = alice.patch(path, Json.createObjectBuilder()
                .add("title", title + " (moved)")
                .add("start", later.toOffsetDateTime().toString())
                .add("end", later.plusMinutes(45).toOffsetDateTime().toString())
                .add("recurrence", "FREQ=WEEKLY;COUNT=3")
                .build());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().getString("title")).endsWith("(moved)");
        assertThat(patched.json().getInt("sequence")).isEqualTo(1);
        assertThat(patched.json().getString("recurrence")).isEqualTo("FREQ=WEEKLY;COUNT=3");
        assertThat(patched.json().getJsonObject("room").getString("hostPin"))
                .as("PINs stay when the schedule changes").isEqualTo(booked.getJsonObject("room").getString("hostPin"));
        VEvent updated = (VEvent) calendar(alice.get(path + "/invite.ics")).getComponent("VEVENT").orElseThrow();
        assertThat(updated.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
        assertThat(updated.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo(later.toLocalDateTime().toString().replace("-", "").replace(":", "") + "00");
        assertThat(updated.getProperty("RRULE").orElseThrow().getValue()).isEqualTo("FREQ=WEEKLY;COUNT=3");

        assertThat(alice.delete(path).status()).isEqualTo(204);
        JsonObject cancelled = alice.get(path).json();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getInt("sequence")).isEqualTo(2);
        Calendar cancellation = calendar(alice.get(path + "/invite.ics"));
        assertThat(cancellation.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent cancelledEvent = (VEvent) cancellation.getComponent("VEVENT").orElseThrow();
        assertThat(cancelledEvent.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
        assertThat(cancelledEvent.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("2");
        assertThat(cancelledEvent.getProperty("UID").orElseThrow().getValue())
                .isEqualTo(updated.getProperty("UID").orElseThrow().getValue());

        assertThat(alice.delete(path).status()).as("cancelling again is harmless").isEqualTo(204);
        assertThat(alice.get(path).json().getInt("sequence")).isEqualTo(2);
        ApiResponse changeAfterCancel = alice.patch(path, Json.createObjectBuilder().add("title", "too late").build());
        assertThat(changeAfterCancel.status()).isEqualTo(409);
        assertThat(changeAfterCancel.errorCode()).isEqualTo("meeting_cancelled");
    }

    @Test
    void anotherUserCannotSeeOrChangeTheMeeting() {
        PortalClient alice = alice();
        JsonObject booked = book(alice, meeting("Alice's private meeting").build());
        String path = "/api/v1/meetings/" + booked.getString("id");
        PortalClient bob = bob();

        for (ApiResponse response : new ApiResponse[] {
                bob.get(path),
                bob.get(path + "/invite.ics"),
                bob.patch(path, Json.createObjectBuilder().add("title", "hijacked").build()),
                bob.delete(path)}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("not_found");
        }
        assertThat(bob.get("/api/v1/meetings").jsonArray().getValuesAs(JsonObject.class))
                .noneSatisfy(listed -> assertThat(listed.getString("id")).isEqualTo(booked.getString("id")));
        JsonObject untouched = alice.get(path).json();
        assertThat(untouched.getString("title")).isEqualTo("Alice's private meeting");
        assertThat(untouched.getString("status")).isEqualTo("scheduled");
    }

    @Test
    void stateChangesWithoutTheCsrfTokenAreRefused() {
        PortalClient alice = alice();
        JsonObject booked = book(alice, meeting("CSRF target").build());
        String path = "/api/v1/meetings/" + booked.getString("id");

        for (ApiResponse response : new ApiResponse[] {
                alice.sendWithoutCsrf("POST", "/api/v1/meetings", meeting("forged").build().toString()),
                alice.sendWithoutCsrf("PATCH", path, "{\"title\":\"forged\"}"),
                alice.sendWithoutCsrf("DELETE", path, null)}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("csrf");
        }
        assertThat(alice.get(path).json().getString("title")).isEqualTo("CSRF target");
        assertThat(alice.get("/api/v1/meetings").jsonArray().getValuesAs(JsonObject.class))
                .noneSatisfy(listed -> assertThat(listed.getString("title")).isEqualTo("forged"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        PortalClient alice = alice();
        String start = meeting("x").build().getString("start");
        record Case(String body, String field, String reason) {
        }
        for (Case bad : new Case[] {
                new Case("{\"title\": \"unterminated", "body", "not_json"),
                new Case("[1, 2, 3]", "body", "not_object"),
                new Case("", "body", "not_json"),
                new Case("\"just a string\"", "body", "not_object"),
                new Case("[".repeat(1000) + "]".repeat(1000), "body", "body_shape"),
                new Case("{\"title\": " + "1".repeat(1100) + "}", "body", "body_shape"),
                new Case(without(meeting("x"), "title"), "title", "required"),
                new Case(without(meeting("x"), "end"), "end", "required"),
                new Case(meeting("x").add("end", start).build().toString(), "end", "end_before_start"),
                new Case(meeting("x").add("end", start.replace("10:00", "09:00")).build().toString(), "end", "end_before_start"),
                new Case(meeting("x").add("timeZone", "Mars/Olympus_Mons").build().toString(), "timeZone", "unknown_time_zone"),
                new Case(meeting("x").add("start", "2026-12-01T10:00:00").build().toString(), "start", "date_time"),
                new Case(meeting("x").add("start", "tomorrow").build().toString(), "start", "date_time"),
                new Case(meeting("x").add("title", 42).build().toString(), "title", "not_text"),
                new Case(meeting("x").add("title", "t".repeat(201)).build().toString(), "title", "too_long"),
                new Case(meeting("x").add("roomType", "open_to_all").build().toString(), "roomType", "not_allowed"),
                new Case(meeting("x").add("invitees", Json.createArrayBuilder().add("not an address")).build().toString(), "invitees", "email"),
                new Case(meeting("x").add("recurrence", "FREQ=SECONDLY").build().toString(), "recurrence", "unsupported_recurrence"),
                new Case(meeting("x").add("recurrence", "FREQ=WEEKLY;COUNT=2;UNTIL=20300101T000000Z").build().toString(), "recurrence", "unsupported_recurrence"),
                new Case(meeting("x").add("guestsWaitForHost", "yes").build().toString(), "guestsWaitForHost", "not_flag"),
                new Case(meeting("x").add("isAdmin", true).build().toString(), "isAdmin", "unknown_field")}) {
            ApiResponse response = alice.sendRaw("POST", "/api/v1/meetings", bad.body());
            assertThat(response.status()).as(bad.body() + " -> " + response).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("invalid_request");
            assertThat(response.json().getString("field")).as(bad.body()).isEqualTo(bad.field());
            assertThat(response.json().getString("reason", null)).as("the reason pages translate, for " + bad.body()).isEqualTo(bad.reason());
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.vestibule");
        }
    }

    @Test
    void controlCharactersInTitlesAndInviteesAreRefusedNamingTheField() {
        PortalClient alice = alice();
        String marker = "control-" + UUID.randomUUID();
        for (String title : new String[] {marker + "\u0000", marker + "\u001b[31m", marker + "\nsecond line", marker + "\u007f"}) {
            ApiResponse response = alice.post("/api/v1/meetings", meeting(title).build());
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("invalid_request");
            assertThat(response.json().getString("field")).isEqualTo("title");
            assertThat(response.json().getString("reason")).isEqualTo("control_characters");
        }
        ApiResponse invitee = alice.post("/api/v1/meetings", meeting(marker)
                .add("invitees", Json.createArrayBuilder().add("guest\u0000@example.org")).build());
        assertThat(invitee.status()).as(invitee.toString()).isEqualTo(400);
        assertThat(invitee.json().getString("field")).isEqualTo("invitees");
        assertThat(invitee.json().getString("reason")).isEqualTo("control_characters");

        JsonObject booked = book(alice, meeting(marker).build());
        ApiResponse renamed = alice.patch("/api/v1/meetings/" + booked.getString("id"),
                Json.createObjectBuilder().add("title", marker + "\u0000").build());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(400);
        assertThat(renamed.json().getString("field")).isEqualTo("title");
        assertThat(alice.get("/api/v1/meetings/" + booked.getString("id")).json().getString("title")).isEqualTo(marker);
    }

    @Test
    void aRecurrenceTheParserRefusesIsExplainedInOurWordsNotTheParsers() {
        ApiResponse response = alice().sendRaw("POST", "/api/v1/meetings",
                meeting("x").add("recurrence", "FREQ=WEEKLY;BYDAY=XX").build().toString());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().getString("field")).isEqualTo("recurrence");
        assertThat(response.json().getString("message")).contains("FREQ=WEEKLY;COUNT=4").doesNotContainIgnoringCase("XX");
    }

    @Test
    void aTenMegabyteBodyIsRefusedWithoutBeingKept() throws Exception {
        PortalClient alice = alice();
        String huge = "{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        ApiResponse declared = alice.sendRaw("POST", "/api/v1/meetings", huge);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(400);
        assertThat(declared.json().getString("field")).isEqualTo("body");

        byte[] bytes = huge.getBytes();
        HttpResponse<String> streamed = server().http().send(HttpRequest.newBuilder(server().baseUri().resolve("/api/v1/meetings"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", alice.sessionCookie())
                        .header("X-CSRF-Token", alice.get("/api/v1/me").json().getString("csrfToken"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(400);
        assertThat(Json.createReader(new StringReader(streamed.body())).readObject().getString("field")).isEqualTo("body");
    }

    @Test
    void ownerChosenPinsMustPassThePinPolicy() {
        PortalClient alice = alice();
        for (String[] weak : new String[][] {{"345678", "sequence"}, {"555555", "repeated_digit"}, {"474747", "repeated_pattern"}, {"39175", "too_short"}, {"12ab5678", "digits_only"}}) {
            ApiResponse response = alice.post("/api/v1/meetings", meeting("weak").add("hostPin", weak[0]).build());
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().getString("field")).isEqualTo("hostPin");
            assertThat(response.json().getJsonArray("rules").getString(0)).isEqualTo(weak[1]);
            assertThat(response.body()).doesNotContain(weak[0]);
        }
        ApiResponse same = alice.post("/api/v1/meetings", meeting("same").add("hostPin", "48291736").add("guestPin", "48291736").build());
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().getJsonArray("rules").getString(0)).isEqualTo("same_as_other_pin");

        JsonObject chosen = book(alice, meeting("chosen").add("hostPin", "48291736").add("guestPin", "95027314").build());
        assertThat(chosen.getJsonObject("room").getString("hostPin")).isEqualTo("48291736");
        assertThat(chosen.getJsonObject("room").getString("guestPin")).isEqualTo("95027314");
    }

    @Test
    void aHostPinOnlyRoomHasNoGuestPinAndCanSwitchType() {
        PortalClient alice = alice();
        JsonObject booked = book(alice, meeting("Open to guests").add("roomType", "host_pin_only").build());
        assertThat(booked.getJsonObject("room").isNull("guestPin")).isTrue();
        assertThat(booked.getJsonObject("room").getString("roomType")).isEqualTo("host_pin_only");

        ApiResponse switched = alice.patch("/api/v1/meetings/" + booked.getString("id"),
                Json.createObjectBuilder().add("roomType", "host_and_guest_pins").build());
        assertThat(switched.status()).isEqualTo(200);
        JsonObject room = switched.json().getJsonObject("room");
        assertThat(room.getString("guestPin")).matches("\\d{8}").isNotEqualTo(room.getString("hostPin"));
    }

    @Test
    void meetingsInThePersonalRoomShareItsAliasAndPins() {
        PortalClient alice = alice();
        JsonObject first = book(alice, meeting("Personal one").add("usePersonalRoom", true).build());
        JsonObject second = book(alice, meeting("Personal two").add("usePersonalRoom", true).build());

        assertThat(first.getJsonObject("room").getBoolean("personal")).isTrue();
        assertThat(second.getJsonObject("room").getString("alias")).isEqualTo(first.getJsonObject("room").getString("alias"));
        assertThat(second.getJsonObject("room").getString("hostPin")).isEqualTo(first.getJsonObject("room").getString("hostPin"));
        ApiResponse perMeetingPins = alice.patch("/api/v1/meetings/" + first.getString("id"),
                Json.createObjectBuilder().add("roomType", "host_pin_only").build());
        assertThat(perMeetingPins.status()).isEqualTo(400);
        assertThat(perMeetingPins.json().getString("field")).isEqualTo("roomType");
        assertThat(alice.delete("/api/v1/meetings/" + first.getString("id")).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/meetings/" + second.getString("id")).json().getString("status")).isEqualTo("scheduled");
    }

    @Test
    void unknownAndMalformedMeetingIdsAreNotFound() {
        PortalClient alice = alice();
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "..%2F..%2Fetc%2Fpasswd"}) {
            ApiResponse response = alice.get("/api/v1/meetings/" + id);
            assertThat(response.status()).as(id + ": " + response).isEqualTo(404);
        }
    }

    @Test
    void aMeetingThatWouldAlreadyBeOverIsRefused() {
        ZonedDateTime yesterday = ZonedDateTime.now(MADRID).minusDays(1);
        ApiResponse response = alice().post("/api/v1/meetings", meeting("past")
                .add("start", yesterday.toOffsetDateTime().toString())
                .add("end", yesterday.plusHours(1).toOffsetDateTime().toString()).build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("field")).isEqualTo("end");
    }

    private static String without(JsonObjectBuilder builder, String... fields) {
        JsonObject full = builder.build();
        JsonObjectBuilder copy = Json.createObjectBuilder();
        full.forEach((name, value) -> {
            if (Arrays.stream(fields).noneMatch(name::equals)) {
                copy.add(name, value);
            }
        });
        return copy.build().toString();
    }
}
