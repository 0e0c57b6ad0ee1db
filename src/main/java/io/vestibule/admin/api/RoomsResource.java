package io.vestibule.admin.api;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEventType;
import io.vestibule.access.RoomOverview;
import io.vestibule.access.RoomOversight;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.Uuids;
import io.vestibule.rooms.RoomRules;

/** Rooms for operators: search, a room's meetings and live state, its participant limit, closing it. */
@Path("/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {
    private static final int LONGEST_SEARCH = 500;

    @Inject
    RoomOversight rooms;

    @Inject
    AdminAudit audit;

    /** By a part of the name, an alias, a numeric alias or a join link; without {@code search}, the newest rooms. */
    @GET
    @RequiresPermission(Permission.VIEW_ROOMS)
    public String search(@QueryParam("search") String search) {
        String text = search == null ? "" : search.strip();
        if (text.length() > LONGEST_SEARCH) {
            throw ApiProblem.invalidField("search", "too_long", "'search' is longer than " + LONGEST_SEARCH + " characters.")
                    .with("max", LONGEST_SEARCH);
        }
        var found = JsonBuilders.array();
        rooms.search(text).forEach(room -> found.add(AdminJson.roomFound(room)));
        return found.build().toString();
    }

    /** The conferences running now, counted (participants, hosts, lobby), never named. */
    @GET
    @Path("live")
    @RequiresPermission(Permission.VIEW_ROOMS)
    public String live() {
        var running = JsonBuilders.array();
        rooms.live().forEach(live -> running.add(AdminJson.liveRoom(live)));
        return running.build().toString();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permission.VIEW_ROOMS)
    public String get(@PathParam("id") String id) {
        return AdminJson.room(found(rooms.overview(roomId(id)))).toString();
    }

    /** {@code participantLimit}: a number for the room's own limit, null for the service's. */
    @PUT
    @Path("{id}/participant-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_ROOMS)
    public String limitParticipants(@PathParam("id") String id, JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("participantLimit"));
        if (!request.has("participantLimit")) {
            throw ApiProblem.invalidField("participantLimit", "required", "'participantLimit' is required: a number, or null for the service's limit.");
        }
        Optional<Integer> limit = request.optionalWholeNumber("participantLimit", 1, RoomRules.MOST_PARTICIPANTS);
        UUID roomId = roomId(id);
        RoomOverview before = found(rooms.overview(roomId));
        RoomOverview after = found(rooms.limitParticipants(roomId, limit));
        audit.changed(AuditEventType.ADMIN_ROOM_PARTICIPANT_LIMIT, "room " + roomId + ": " + shownLimit(before) + " -> " + shownLimit(after));
        return AdminJson.room(after).toString();
    }

    /**
     * Whether every newcomer to the room's conferences waits for a host's admission (the conference starts locked),
     * or null for the service's choice; a conference already running keeps its lock state.
     */
    @PUT
    @Path("{id}/newcomers-wait-for-admission")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_ROOMS)
    public String letNewcomersWaitForAdmission(@PathParam("id") String id, JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("newcomersWaitForAdmission"));
        if (!request.has("newcomersWaitForAdmission")) {
            throw ApiProblem.invalidField("newcomersWaitForAdmission", "required",
                    "'newcomersWaitForAdmission' is required: true, false, or null for the service's choice.");
        }
        Optional<Boolean> wait = request.optionalFlag("newcomersWaitForAdmission");
        UUID roomId = roomId(id);
        RoomOverview before = found(rooms.overview(roomId));
        RoomOverview after = found(rooms.letNewcomersWaitForAdmission(roomId, wait));
        audit.changed(AuditEventType.ADMIN_ROOM_NEWCOMERS_WAIT, "room " + roomId + ": " + shownWait(before) + " -> " + shownWait(after));
        return AdminJson.room(after).toString();
    }

    /** Closes the room for good: its conference ends as a host's end does, and it admits no one afterwards. */
    @POST
    @Path("{id}/close")
    @RequiresPermission(Permission.MANAGE_ROOMS)
    public String close(@PathParam("id") String id) {
        UUID roomId = roomId(id);
        JsonObject closed = AdminJson.room(found(rooms.close(roomId)));
        audit.changed(AuditEventType.ADMIN_ROOM_CLOSE, "room " + roomId);
        return closed.toString();
    }

    private static UUID roomId(String id) {
        return Uuids.parse(id).orElseThrow(ApiProblem::notFound);
    }

    private static RoomOverview found(Optional<RoomOverview> overview) {
        return overview.orElseThrow(ApiProblem::notFound);
    }

    private static String shownWait(RoomOverview overview) {
        return overview.room().newcomersWaitForAdmission().map(String::valueOf).orElse("service's");
    }

    private static String shownLimit(RoomOverview overview) {
        return overview.room().participantLimit().map(String::valueOf).orElse("service's (" + overview.participantLimitInForce() + ")");
    }
}
