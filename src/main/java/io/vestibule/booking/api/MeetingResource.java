package io.vestibule.booking.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
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

import io.vestibule.access.ParticipantRole;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.JoinTokenIssuer;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.api.CurrentUser;
import io.vestibule.identity.api.SignedIn;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonBuilders;

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
    JoinTokenIssuer issuer;

    @Inject
    TokenSettings tokens;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/")
    URI publicUrl;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(JsonValue body) {
        BookedMeeting booked = BookingErrors.translated(() -> bookings.book(user(), MeetingJson.bookingRequest(body)));
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
        return json(BookingErrors.translated(() -> bookings.change(user(), meetingId(id), MeetingJson.changes(body))));
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        BookingErrors.translated(() -> bookings.cancel(user(), meetingId(id)));
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

    /**
     * An invitation link (R-JOIN-4): the join URL with an invitation token in its fragment, which browsers never
     * send to a server. It lets invited portal users skip the guest PIN only where the administrator allows it
     * ({@code VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN}); otherwise the PIN is still needed.
     */
    @POST
    @Path("/{id}/invitation-link")
    public JsonObject invitationLink(@PathParam("id") String id) {
        BookedMeeting booked = BookingErrors.translated(() -> bookings.get(user(), meetingId(id)));
        Instant now = clock.instant();
        Instant closes = bookings.lastClosing(booked.meeting())
                .filter(last -> last.isBefore(now.plus(tokens.invitationLifetime())))
                .orElse(now.plus(tokens.invitationLifetime()).minusSeconds(60));
        if (booked.meeting().status() == MeetingStatus.CANCELLED) {
            throw new ApiProblem(409, "meeting_cancelled", "The meeting is cancelled; there is nothing to invite to.");
        }
        if (!closes.isAfter(now)) {
            throw new ApiProblem(409, "meeting_over", "The meeting is over; there is nothing to invite to.");
        }
        IssuedToken invitation = issuer.issueInvitation("meeting:" + booked.meeting().id(), booked.room().id().toString(),
                ParticipantRole.GUEST, now, closes);
        return JsonBuilders.object()
                .add("url", bookings.joinUrl(booked.room()) + "#invitation=" + invitation.compact())
                .add("expiresAt", invitation.claims().expiresAt().toString())
                .build();
    }

    private JsonObject json(BookedMeeting booked) {
        return MeetingJson.toJson(booked, bookings.joinUrl(booked.room()),
                publicUrl.resolve("api/v1/meetings/" + booked.meeting().id() + "/invite.ics"));
    }

    private URI meetingUrl(BookedMeeting booked) {
        return publicUrl.resolve("api/v1/meetings/" + booked.meeting().id());
    }

    private PortalUser user() {
        return currentUser.user();
    }

    private static UUID meetingId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound();
        }
    }
}
