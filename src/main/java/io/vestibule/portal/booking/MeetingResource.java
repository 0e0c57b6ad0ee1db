package io.vestibule.portal.booking;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.access.InvitationLinks;
import io.vestibule.access.InvitationLinks.InvitationLink;
import io.vestibule.access.InvitationRefused;
import io.vestibule.access.MeetingCancellation;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.audit.AuditEventType;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.MeetingAuditText;
import io.vestibule.booking.MeetingChanges;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.booking.Organizer;
import io.vestibule.identity.PortalUser;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.portal.PortalAudit;
import io.vestibule.portal.signin.CurrentUser;
import io.vestibule.portal.signin.SignedIn;

/** The signed-in user's meetings (API.md "Meetings"). */
@Path("/meetings")
@SignedIn
@Produces(MediaType.APPLICATION_JSON)
public class MeetingResource {
    static final String CALENDAR = "text/calendar;charset=utf-8";

    @Inject
    BookingService bookings;

    @Inject
    CurrentUser currentUser;

    @Inject
    InvitationLinks invitations;

    @Inject
    MeetingCancellation cancellation;

    @Inject
    PortalAudit audit;

    @Inject
    @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/")
    URI publicUrl;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(JsonValue body) {
        BookedMeeting booked = BookingErrors.translated(() -> bookings.book(user(), MeetingJson.bookingRequest(body)));
        audit.changed(AuditEventType.MEETING_BOOK, MeetingAuditText.snapshot(booked).described());
        return Response.created(meetingUrl(booked)).entity(json(booked)).build();
    }

    @GET
    public JsonArray list() {
        JsonArrayBuilder meetings = JsonBuilders.array();
        List<BookedMeeting> booked = bookings.list(user());
        booked.forEach(meeting -> meetings.add(json(meeting)));
        return meetings.build();
    }

    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") String id) {
        return json(BookingErrors.translated(() -> bookings.get(user(), meetingId(id))));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject change(@PathParam("id") String id, JsonValue body) {
        MeetingChanges changes = MeetingJson.changes(body);
        MeetingAuditText.Snapshot before = MeetingAuditText.snapshot(BookingErrors.translated(() -> bookings.get(user(), meetingId(id))));
        BookedMeeting changed = BookingErrors.translated(() -> bookings.change(user(), meetingId(id), changes));
        MeetingAuditText.Snapshot after = MeetingAuditText.snapshot(changed);
        MeetingAuditText.changes(before, after).ifPresent(detail -> audit.changed(AuditEventType.MEETING_CHANGE, detail));
        MeetingAuditText.pinChanges(before, after).ifPresent(detail -> audit.changed(AuditEventType.ROOM_PIN_CHANGE, detail));
        return json(changed);
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        BookedMeeting booked = BookingErrors.translated(() -> bookings.get(user(), meetingId(id)));
        boolean standing = booked.meeting().status() != MeetingStatus.CANCELLED;
        String which = MeetingAuditText.snapshot(booked).which();
        BookingErrors.translated(() -> cancellation.cancel(user(), meetingId(id)));
        if (standing) {
            audit.changed(AuditEventType.MEETING_CANCEL, which);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/invite.ics")
    @Produces(CALENDAR)
    public Response invitation(@PathParam("id") String id) {
        String calendar = BookingErrors.translated(() -> bookings.invitation(user(), meetingId(id)));
        return Response.ok(calendar, CALENDAR)
                .header("Content-Disposition", "attachment; filename=\"invitation.ics\"")
                .build();
    }

    /** An invitation link (R-JOIN-4), see {@link InvitationLinks}. */
    @POST
    @Path("/{id}/invitation-link")
    public JsonObject invitationLink(@PathParam("id") String id) {
        BookedMeeting booked = BookingErrors.translated(() -> bookings.get(user(), meetingId(id)));
        InvitationLink link;
        try {
            link = invitations.issue(booked);
        } catch (InvitationRefused refused) {
            throw new ApiProblem(409, refused.reason().code(), switch (refused.reason()) {
                case MEETING_CANCELLED -> "The meeting is cancelled; there is nothing to invite to.";
                case MEETING_OVER -> "The meeting is over; there is nothing to invite to.";
            });
        }
        return JsonBuilders.object()
                .add("url", link.url())
                .add("expiresAt", link.expiresAt().toString())
                .build();
    }

    private JsonObject json(BookedMeeting booked) {
        return MeetingJson.toJson(booked, bookings.joinUrl(booked.room()),
                publicUrl.resolve("api/v1/meetings/" + booked.meeting().id() + "/invite.ics"));
    }

    private URI meetingUrl(BookedMeeting booked) {
        return publicUrl.resolve("api/v1/meetings/" + booked.meeting().id());
    }

    private Organizer user() {
        PortalUser user = currentUser.user();
        return new Organizer(user.id(), user.displayName(), user.email());
    }

    private static UUID meetingId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound();
        }
    }
}
