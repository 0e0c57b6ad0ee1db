package io.vestibule.portal.calendar;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.MeetingAuditText;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.booking.Organizer;
import io.vestibule.calendar.CalendarEvent;
import io.vestibule.calendar.CalendarEventKey;
import io.vestibule.calendar.CalendarEvents;
import io.vestibule.calendar.CalendarMeeting;
import io.vestibule.identity.PortalUser;
import io.vestibule.portal.PortalAudit;
import io.vestibule.portal.signin.AcceptsSignedCallbacks;
import io.vestibule.portal.signin.CurrentUser;
import io.vestibule.portal.signin.SignedIn;

/** Calendar callbacks (API.md "Calendar callbacks", R-CAL-2): a calendar event's secure room, by the event's key. */
@Path("/calendar/events/{key}")
@SignedIn
@AcceptsSignedCallbacks
@Produces(MediaType.APPLICATION_JSON)
public class CalendarEventResource {
    private static final Set<String> LANGUAGES = Set.of("en", "es", "fr");

    @Inject
    CalendarEvents events;

    @Inject
    CurrentUser currentUser;

    @Inject
    BookingService bookings;

    @Inject
    PortalAudit audit;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("key") String key, JsonValue body, @Context HttpHeaders headers) {
        Organizer organizer = organizer();
        CalendarEventKey eventKey = CalendarErrors.translated(() -> CalendarEventKey.of(key));
        CalendarEvent event = CalendarErrors.translated(() -> CalendarEventJson.event(body));
        Optional<MeetingAuditText.Snapshot> before = CalendarErrors.translated(() -> events.meetingOf(organizer, eventKey))
                .map(MeetingAuditText::snapshot);
        CalendarMeeting meeting = CalendarErrors.translated(() -> events.put(organizer, eventKey, event, language(headers)));
        MeetingAuditText.Snapshot after = MeetingAuditText.snapshot(bookings.get(organizer, meeting.meetingId()));
        if (meeting.created()) {
            audit.changed(AuditEventType.MEETING_BOOK, after.described() + "; for a calendar event");
        } else {
            before.flatMap(earlier -> MeetingAuditText.changes(earlier, after))
                    .ifPresent(detail -> audit.changed(AuditEventType.MEETING_CHANGE, detail + "; its calendar event changed"));
        }
        return Response.status(meeting.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(CalendarEventJson.toJson(meeting))
                .build();
    }

    @DELETE
    public Response delete(@PathParam("key") String key) {
        Organizer organizer = organizer();
        CalendarEventKey eventKey = CalendarErrors.translated(() -> CalendarEventKey.of(key));
        Optional<BookedMeeting> standing = CalendarErrors.translated(() -> events.meetingOf(organizer, eventKey))
                .filter(booked -> booked.meeting().status() != MeetingStatus.CANCELLED);
        Optional<String> which = standing.map(booked -> MeetingAuditText.snapshot(booked).which());
        CalendarErrors.translated(() -> events.delete(organizer, eventKey));
        which.ifPresent(meeting -> audit.changed(AuditEventType.MEETING_CANCEL, meeting + "; its calendar event was deleted"));
        return Response.noContent().build();
    }

    /** Who the event belongs to: the signed-in user (a session, or a Keycloak access token with the API's scope). */
    private Organizer organizer() {
        PortalUser user = currentUser.user();
        return new Organizer(user.id(), user.displayName(), user.email());
    }

    /** The join block's language: the caller's first of English, Spanish and French, else English. */
    private static Locale language(HttpHeaders headers) {
        return headers.getAcceptableLanguages().stream()
                .filter(locale -> LANGUAGES.contains(locale.getLanguage()))
                .findFirst()
                .map(locale -> Locale.forLanguageTag(locale.getLanguage()))
                .orElse(Locale.ENGLISH);
    }
}
