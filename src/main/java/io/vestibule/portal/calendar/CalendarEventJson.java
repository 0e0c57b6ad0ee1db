package io.vestibule.portal.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.vestibule.booking.Recurrence;
import io.vestibule.calendar.CalendarEvent;
import io.vestibule.calendar.CalendarMeeting;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** Calendar events in and out of JSON (API.md "Calendar callbacks"); malformed input is refused naming the field. */
final class CalendarEventJson {
    private static final Set<String> FIELDS = Set.of("subject", "start", "end", "timeZone", "recurrence");
    private static final int MAX_TIME = 64;

    private CalendarEventJson() {
    }

    static CalendarEvent event(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, FIELDS);
        return new CalendarEvent(
                request.optionalText("subject", CalendarEvent.MAX_SUBJECT).orElse(""),
                instant(request.requiredText("start", MAX_TIME), "start"),
                instant(request.requiredText("end", MAX_TIME), "end"),
                zone(request.requiredText("timeZone", MAX_TIME)),
                request.optionalText("recurrence", Recurrence.MAX_LENGTH));
    }

    /** What the calendar puts into the event; the host PIN is not among it. */
    static JsonObject toJson(CalendarMeeting meeting) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("meetingId", meeting.meetingId().toString())
                .add("alias", meeting.alias());
        meeting.numericAlias().ifPresent(number -> json.add("numericAlias", number));
        json.add("joinUrl", meeting.joinUrl().toString());
        if (meeting.guestPin().isPresent()) {
            json.add("guestPin", meeting.guestPin().get());
        } else {
            json.addNull("guestPin");
        }
        return json.add("joinBlockHtml", meeting.joinBlock().html())
                .add("joinBlockText", meeting.joinBlock().text())
                .build();
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "date_time",
                    "'" + field + "' must be an ISO-8601 date and time with an offset, such as 2026-12-01T10:00:00+01:00 or 2026-12-01T09:00:00Z.");
        }
    }

    private static ZoneId zone(String id) {
        if (ZoneId.getAvailableZoneIds().contains(id)) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                // Falls through to the refusal below.
            }
        }
        throw ApiProblem.invalidField("timeZone", "unknown_time_zone", "'" + id + "' is not a known time zone; use an IANA name such as Europe/Madrid.")
                .with("value", id);
    }
}
