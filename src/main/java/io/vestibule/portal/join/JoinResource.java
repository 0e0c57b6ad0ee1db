package io.vestibule.portal.join;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.access.JoinAnswer;
import io.vestibule.access.JoinRequest;
import io.vestibule.access.JoinService;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.PortalSignIn;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.ErrorBodies;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.http.SessionCookie;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.net.TrustedProxies;

/**
 * The public join endpoints (API.md "Joining"): no portal session is needed; a join token, in the
 * {@code Authorization} header, is the participant's only credential afterwards. The literal paths
 * ({@code refresh}, {@code release}, {@code wait}) take precedence over aliases, which never use those words.
 */
@Path("/join")
@Produces(MediaType.APPLICATION_JSON)
public class JoinResource {
    /** A lobby drains as hosts admit or guests give up: a minute is a fair wait before asking again. */
    private static final Duration LOBBY_FULL_RETRY_AFTER = Duration.ofMinutes(1);

    static final int MAX_DISPLAY_NAME = 80;

    @Inject
    JoinService joins;

    @Inject
    TrustedProxies proxies;

    @Inject
    Sessions<PortalPrincipal> sessions;

    @Inject
    PortalSignIn signIn;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(@PathParam("alias") String alias, JsonValue body,
                         @CookieParam(SessionCookie.PORTAL_NAME) String portalSession) {
        JsonRequest request = JsonRequest.of(body, Set.of("displayName", "pin", "invitation"));
        String displayName = request.requiredText("displayName", MAX_DISPLAY_NAME);
        Optional<PortalUser> signedIn = Optional.ofNullable(portalSession).flatMap(sessions::resume)
                .flatMap(session -> signIn.user(session.principal().accountId()));
        try {
            return answer(joins.join(new JoinRequest(alias, displayName, request.optionalText("pin", 64),
                    request.optionalText("invitation", 8192), source(), http.getRemotePort(), userAgent(), signedIn)));
        } catch (RecordNotDurable notDurable) {
            // The journal's writer logs the failure itself, once per retry rather than once per join.
            throw new ApiProblem(503, "records_unavailable", "Joins are paused while call records cannot be written. Try again shortly.")
                    .withHeader("Retry-After", "10");
        }
    }

    /** The browser's own description, bounded and without control characters: it goes into the call record. */
    private Optional<String> userAgent() {
        return Optional.ofNullable(http.getHeader(HttpHeaders.USER_AGENT))
                .map(agent -> agent.codePoints().filter(c -> !Character.isISOControl(c))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
                .map(agent -> agent.length() > 512 ? agent.substring(0, 512) : agent)
                .filter(agent -> !agent.isBlank());
    }

    @POST
    @Path("/refresh")
    public Response refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            return answer(joins.refresh(BearerToken.from(authorization)));
        } catch (TokenRejected rejected) {
            throw BearerToken.refused(rejected);
        }
    }

    @POST
    @Path("/release")
    public Response release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            joins.release(BearerToken.from(authorization));
            return Response.noContent().build();
        } catch (TokenRejected rejected) {
            throw BearerToken.refused(rejected);
        }
    }

    /** A waiting participant's lobby token: still waiting (202), or let in, with the join token (200). */
    @POST
    @Path("/wait")
    public Response waitInLobby(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            return answer(joins.waitWith(BearerToken.from(authorization)));
        } catch (TokenRejected rejected) {
            throw BearerToken.refused(rejected);
        }
    }

    private InetAddress source() {
        return proxies.clientOf(http);
    }

    private Response answer(JoinAnswer answer) {
        if (answer instanceof JoinAnswer.Joined joined) {
            return Response.ok(participant(joined.token().compact(), joined.token().claims().expiresAt(),
                    joined.participant().role().code(), joined.participant().id().toString(), joined.conference().id().toString())
                    .build().toString()).build();
        }
        if (answer instanceof JoinAnswer.Waiting waiting) {
            return Response.status(202).entity(participant(waiting.token().compact(), waiting.token().claims().expiresAt(),
                    waiting.participant().role().code(), waiting.participant().id().toString(), waiting.conference().id().toString())
                    .add("status", "waiting").add("reason", waiting.reason().code()).build().toString()).build();
        }
        if (answer instanceof JoinAnswer.PinRequired required) {
            return refusal(403, "pin_required", "This meeting needs a PIN.", Map.of("pin",
                    Map.of("host", required.requirements().host().code(), "guest", required.requirements().guest().code())));
        }
        if (answer instanceof JoinAnswer.InvalidPin) {
            return refusal(403, "invalid_pin", "The PIN is not right for this meeting.", Map.of());
        }
        if (answer instanceof JoinAnswer.OutsideWindow window) {
            return window.opensAt() != null
                    ? refusal(403, "outside_window", "The meeting is not open yet.", Map.of("opensAt", window.opensAt().toString()))
                    : refusal(403, "outside_window", "The meeting is over.", Map.of("closedAt", window.closedAt().toString()));
        }
        if (answer instanceof JoinAnswer.Blocked blocked) {
            return ErrorBodies.response(429, "blocked", "Too many attempts from your address; try again later.", Map.of(),
                    Map.of("Retry-After", String.valueOf(blocked.retryAfter().toSeconds())));
        }
        if (answer instanceof JoinAnswer.LobbyFull) {
            return ErrorBodies.response(503, "lobby_full", "Too many people are waiting for this meeting; try again later.", Map.of(),
                    Map.of("Retry-After", String.valueOf(LOBBY_FULL_RETRY_AFTER.toSeconds())));
        }
        if (answer instanceof JoinAnswer.Full) {
            return refusal(403, "conference_full", "The meeting is full.", Map.of());
        }
        if (answer instanceof JoinAnswer.InvalidInvitation invalid) {
            return refusal(403, "invalid_invitation", "The invitation link is not valid for this meeting.", Map.of("reason", invalid.code()));
        }
        return refusal(404, "not_found", "There is no meeting at this address.", Map.of());
    }

    private JsonObjectBuilder participant(String token, Instant expiresAt, String role, String participantId,
                                          String conferenceId) {
        return JsonBuilders.object()
                .add("token", token)
                .add("expires", Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds()))
                .add("role", role)
                .add("participantId", participantId)
                .add("conferenceId", conferenceId);
    }

    private static Response refusal(int status, String code, String message, Map<String, ?> details) {
        return ErrorBodies.response(status, code, message, details, Map.of());
    }
}
