package io.vestibule.portal.join;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.access.ConferenceControl;
import io.vestibule.access.HostAct;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.RosterJson;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.logging.LogText;
import io.vestibule.portal.PortalAudit;

/** Host controls of a running conference (API.md "Conference control"), opened by a host's join token. */
@Path("/conferences/{conferenceId}")
@Produces(MediaType.APPLICATION_JSON)
public class ConferenceResource {
    @Inject
    ConferenceControl control;

    @Inject
    PortalAudit audit;

    @Inject
    RefusedHostActs refusals;

    @POST
    @Path("/lock")
    public Response lock(@PathParam("conferenceId") String conferenceId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return done(AuditEventType.CONFERENCE_LOCK, conferenceId, () -> control.lock(BearerToken.from(authorization), id(conferenceId)));
    }

    @POST
    @Path("/unlock")
    public Response unlock(@PathParam("conferenceId") String conferenceId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return done(AuditEventType.CONFERENCE_UNLOCK, conferenceId, () -> control.unlock(BearerToken.from(authorization), id(conferenceId)));
    }

    @POST
    @Path("/end")
    public Response end(@PathParam("conferenceId") String conferenceId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return done(AuditEventType.CONFERENCE_END, conferenceId, () -> control.end(BearerToken.from(authorization), id(conferenceId)));
    }

    @POST
    @Path("/participants/{participantId}/admit")
    public Response admit(@PathParam("conferenceId") String conferenceId, @PathParam("participantId") String participantId,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return done(AuditEventType.CONFERENCE_ADMIT, conferenceId, () -> control.admit(BearerToken.from(authorization), id(conferenceId), participant(participantId)));
    }

    @POST
    @Path("/participants/{participantId}/remove")
    public Response remove(@PathParam("conferenceId") String conferenceId, @PathParam("participantId") String participantId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return done(AuditEventType.CONFERENCE_REMOVE, conferenceId, () -> control.remove(BearerToken.from(authorization), id(conferenceId), participant(participantId)));
    }

    @GET
    @Path("/participants")
    public JsonObject participants(@PathParam("conferenceId") String conferenceId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            Conference conference = control.participants(BearerToken.from(authorization), id(conferenceId));
            return JsonBuilders.object().add("participants", RosterJson.present(conference)).add("lobby", RosterJson.lobby(conference))
                    .add("locked", conference.locked()).build();
        } catch (TokenRejected rejected) {
            throw BearerToken.refused(rejected);
        } catch (ConferenceControl.NotAllowed notAllowed) {
            throw forbidden();
        }
    }

    private interface HostAction {
        HostAct run() throws TokenRejected, ConferenceControl.NotAllowed, ConferenceControl.NoSuchParticipant;
    }

    private Response done(AuditEventType type, String conferenceId, HostAction action) {
        try {
            HostAct act = action.run();
            audit.record(type, actor(act), AuditEvent.Outcome.SUCCESS, detail(act));
            return Response.noContent().build();
        } catch (TokenRejected rejected) {
            refusals.tokenRefused(type, named(conferenceId), rejected);
            throw BearerToken.refused(rejected);
        } catch (ConferenceControl.NotAllowed notAllowed) {
            refusals.notAHost(type, named(conferenceId), notAllowed);
            throw forbidden();
        } catch (ConferenceControl.NoSuchParticipant noSuchParticipant) {
            throw new ApiProblem(404, "not_found", "Nobody with that id is in this conference or its lobby.");
        } catch (Conference.ConferenceEnded ended) {
            throw new ApiProblem(401, "token_revoked", "The conference has ended.");
        }
    }

    /** The host by the name they joined with: a host holds a join token, not necessarily an account. */
    private static String actor(HostAct act) {
        return "host " + act.host().map(host -> LogText.quoted(host.displayName())).orElse("who left") + " (participant " + act.hostId() + ")";
    }

    private static String detail(HostAct act) {
        return "conference " + act.conferenceId() + " in room " + act.roomId()
                + act.target().map(target -> ": " + LogText.quoted(target.displayName()) + " (participant " + target.id() + ")").orElse("")
                + (act.target().isEmpty() && act.admitted() > 0 ? "; " + act.admitted() + " waiting admitted" : "");
    }

    /** The conference as addressed, for the audit: an id, never text a client chose. */
    private static String named(String conferenceId) {
        return Uuids.parse(conferenceId).map(UUID::toString).orElse("(a malformed id)");
    }

    private static ApiProblem forbidden() {
        return new ApiProblem(403, "forbidden", "Only a host of this conference may do this.");
    }

    private static UUID participant(String text) throws ConferenceControl.NoSuchParticipant {
        return Uuids.parse(text).orElseThrow(ConferenceControl.NoSuchParticipant::new);
    }

    /** A malformed id names nothing: the same answer as a conference that is not ours to control. */
    private static UUID id(String text) throws ConferenceControl.NotAllowed {
        return Uuids.parse(text).orElseThrow(ConferenceControl.NotAllowed::new);
    }
}
