package io.vestibule.portal.booking;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingChanges;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.booking.Recurrence;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

/** Meetings in and out of JSON as API.md describes them; malformed input is refused naming the field. */
final class MeetingJson {
    static final int MAX_TITLE = 200;
    static final int MAX_INVITEES = 100;
    static final int MAX_EMAIL = 320;
    private static final Set<String> FIELDS = Set.of("title", "start", "end", "timeZone", "invitees", "roomType",
            "guestsWaitForHost", "recurrence", "usePersonalRoom", "hostPin", "guestPin");
    private static final Set<String> PATCHABLE = Set.of("title", "start", "end", "timeZone", "invitees", "roomType",
            "guestsWaitForHost", "recurrence", "hostPin", "guestPin");
    // Deliberately plain: one @, no spaces, a dot in the domain. Mail servers decide the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private MeetingJson() {
    }

    static BookingRequest bookingRequest(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, FIELDS);
        String title = request.requiredText("title", MAX_TITLE);
        Instant start = instant(request.requiredText("start", 64), "start");
        Instant end = instant(request.requiredText("end", 64), "end");
        ZoneId zone = zone(request.requiredText("timeZone", 64));
        RoomType type = request.optionalText("roomType", 32).map(MeetingJson::roomType).orElse(RoomType.HOST_AND_GUEST_PINS);
        RoomSettings room = new RoomSettings(type, request.optionalFlag("guestsWaitForHost").orElse(true),
                request.optionalText("hostPin", 64), request.optionalText("guestPin", 64));
        return new BookingRequest(title, start, end, zone, request.optionalText("recurrence", Recurrence.MAX_LENGTH),
                invitees(request).orElse(List.of()), room, request.optionalFlag("usePersonalRoom").orElse(false));
    }

    static MeetingChanges changes(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, PATCHABLE);
        Optional<Optional<String>> recurrence = Optional.empty();
        if (request.has("recurrence")) {
            recurrence = Optional.of(request.isNull("recurrence")
                    ? Optional.empty() : request.optionalText("recurrence", Recurrence.MAX_LENGTH));
        }
        return new MeetingChanges(
                request.has("title") ? Optional.of(request.requiredText("title", MAX_TITLE)) : Optional.empty(),
                request.optionalText("start", 64).map(text -> instant(text, "start")),
                request.optionalText("end", 64).map(text -> instant(text, "end")),
                request.optionalText("timeZone", 64).map(MeetingJson::zone),
                recurrence,
                invitees(request),
                request.optionalText("roomType", 32).map(MeetingJson::roomType),
                request.optionalFlag("guestsWaitForHost"),
                request.optionalText("hostPin", 64),
                request.optionalText("guestPin", 64));
    }

    static JsonObject toJson(BookedMeeting booked, URI joinUrl, URI icsUrl) {
        Meeting meeting = booked.meeting();
        MeetingSchedule schedule = meeting.schedule();
        JsonObjectBuilder room = JsonBuilders.object()
                .add("id", booked.room().id().toString())
                .add("alias", booked.room().alias(RoomAlias.Kind.NAME).map(RoomAlias::value).orElse(""))
                .add("numericAlias", booked.room().alias(RoomAlias.Kind.NUMERIC).map(RoomAlias::value).orElse(""))
                .add("roomType", booked.room().type().code())
                .add("guestsWaitForHost", booked.room().guestsWaitForHost())
                .add("personal", booked.room().kind() == RoomKind.PERSONAL)
                .add("hostPin", booked.pins().host().digits());
        if (booked.pins().guest().isPresent()) {
            room.add("guestPin", booked.pins().guest().get().digits());
        } else {
            room.addNull("guestPin");
        }
        JsonArrayBuilder invitees = JsonBuilders.array();
        meeting.invitees().forEach(invitees::add);
        JsonObjectBuilder json = JsonBuilders.object()
                .add("id", meeting.id().toString())
                .add("title", meeting.title())
                .add("start", ISO_OFFSET_DATE_TIME.format(schedule.start()))
                .add("end", ISO_OFFSET_DATE_TIME.format(schedule.end()))
                .add("timeZone", schedule.zone().getId())
                .add("status", meeting.status().name().toLowerCase(Locale.ROOT))
                .add("invitees", invitees)
                .add("sequence", meeting.icsSequence())
                .add("room", room)
                .add("joinUrl", joinUrl.toString())
                .add("icsUrl", icsUrl.toString());
        if (schedule.recurrence().isPresent()) {
            json.add("recurrence", schedule.recurrence().get().rule());
        } else {
            json.addNull("recurrence");
        }
        return json.build();
    }

    private static Optional<List<String>> invitees(JsonRequest request) {
        Optional<List<String>> emails = request.optionalTextList("invitees", MAX_INVITEES, MAX_EMAIL);
        emails.ifPresent(list -> list.forEach(email -> {
            if (!EMAIL.matcher(email).matches()) {
                throw ApiProblem.invalidField("invitees", "email", "'" + email + "' is not an e-mail address.").with("value", email);
            }
        }));
        return emails;
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "date_time", "'" + field + "' must be an ISO-8601 date and time with an offset, such as 2026-12-01T10:00:00+01:00.");
        }
    }

    private static ZoneId zone(String id) {
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw unknownZone(id);
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw unknownZone(id);
        }
    }

    private static ApiProblem unknownZone(String id) {
        return ApiProblem.invalidField("timeZone", "unknown_time_zone", "'" + id + "' is not a known time zone; use an IANA name such as Europe/Madrid.")
                .with("value", id);
    }

    private static RoomType roomType(String code) {
        return RoomType.fromCode(code).orElseThrow(() ->
                ApiProblem.invalidField("roomType", "not_allowed", "'roomType' must be host_pin_only or host_and_guest_pins."));
    }
}
