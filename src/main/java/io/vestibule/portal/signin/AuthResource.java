package io.vestibule.portal.signin;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.AccountNames;
import io.vestibule.identity.DirectoryService;
import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.PortalSignIn;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.SignInRefused;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.http.SessionCookie;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.net.TrustedProxies;
import io.vestibule.portal.PortalAudit;

/** Portal sign-in with the directory password and sign-out (API.md "Sessions"); single sign-on is {@link SsoResource}. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    static final String UNKNOWN_ACCOUNT = "an unknown account";
    @Inject
    PortalSignIn signIn;

    @Inject
    Sessions<PortalPrincipal> sessions;

    @Inject
    DirectoryService directories;

    @Inject
    SingleSignOn sso;

    @Inject
    CurrentUser currentUser;

    @Inject
    TrustedProxies proxies;

    @Inject
    PortalAudit audit;

    @Inject
    AccountNames accountNames;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(JsonValue body, @CookieParam(SessionCookie.PORTAL_NAME) String previousToken) {
        JsonRequest request = JsonRequest.of(body, Set.of("username", "password"));
        String username = request.requiredText("username", 256);
        char[] password = request.requiredSecret("password", 1024);
        try {
            PortalSignIn.SignedIn signedIn = signIn.signIn(username, password,
                    proxies.clientOf(http));
            // Whatever session the browser held before is ended, not reused (no fixation).
            sessions.end(previousToken);
            audit.record(AuditEventType.PORTAL_LOGIN, signedIn.user().username(), AuditEvent.Outcome.SUCCESS, "password");
            return Response.ok(JsonBuilders.object()
                            .add("user", UserJson.of(signedIn.user()))
                            .add("csrfToken", signedIn.session().session().csrfToken())
                            .build().toString())
                    .cookie(SessionCookie.PORTAL.issue(signedIn.session().token()))
                    .build();
        } catch (SignInRefused refused) {
            // People type passwords into the user-name field: a name that is no account's is not repeated (R-RUN-5).
            audit.record(AuditEventType.PORTAL_LOGIN, accountNames.exists(username) ? username : UNKNOWN_ACCOUNT, AuditEvent.Outcome.FAILURE,
                    "password: " + refused.reason().name().toLowerCase(Locale.ROOT));
            throw switch (refused.reason()) {
                // Expired passwords and client certificates are the console's; should one reach the portal, it says no alike.
                case INVALID_CREDENTIALS, PASSWORD_EXPIRED, CERTIFICATE_REQUIRED, CERTIFICATE_MISSING, CERTIFICATE_UNKNOWN,
                     CERTIFICATE_REVOKED, CERTIFICATE_REVOCATION_UNKNOWN ->
                        new ApiProblem(401, "invalid_credentials", "The user name or password is wrong.");
                case NOT_PERMITTED -> new ApiProblem(403, "forbidden", "Your account is not allowed to use the portal.");
                case DIRECTORY_UNAVAILABLE -> new ApiProblem(503, "directory_unavailable",
                        "The directory cannot be reached to check your password. Try again shortly.");
                case SESSION_LIMIT -> new ApiProblem(503, "busy", "The portal has too many signed-in sessions; try again later.");
                case BLOCKED -> new ApiProblem(429, "blocked", "Too many failed sign-ins; try again later.")
                        .withHeader("Retry-After", String.valueOf(refused.retryAfter().toSeconds()));
            };
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** How people may sign in here: with the directory form (R-SSO-2), through the organisation's provider (R-SSO-1), or both. */
    @GET
    @Path("/methods")
    public JsonObject methods() {
        return JsonBuilders.object()
                .add("directory", directories.directory().isPresent())
                .add("sso", sso.enabled())
                .build();
    }

    /**
     * Ends the session: 204, or after a single sign-on 200 with {@code endSessionUrl}, the provider's end-session
     * address (with the ID token as hint) where the page sends the browser so that the provider's session ends too.
     */
    @POST
    @Path("/logout")
    @SignedIn
    public Response logout(@CookieParam(SessionCookie.PORTAL_NAME) String token) {
        Optional<URI> endSession = currentUser.session()
                .flatMap(session -> session.principal().idToken())
                .flatMap(sso::endSessionUri);
        sessions.end(token);
        audit.changed(AuditEventType.PORTAL_LOGOUT, endSession.isPresent() ? "single sign-on session; the provider's ends too" : "");
        Response.ResponseBuilder answer = endSession
                .map(uri -> Response.ok(JsonBuilders.object().add("endSessionUrl", uri.toString()).build().toString(), MediaType.APPLICATION_JSON))
                .orElseGet(Response::noContent);
        return answer.cookie(SessionCookie.PORTAL.expire()).build();
    }

    /** The user as API.md shows it: id, username, displayName. */
    static final class UserJson {
        private UserJson() {
        }

        static JsonObject of(PortalUser user) {
            return JsonBuilders.object()
                    .add("id", user.id().toString())
                    .add("username", user.username())
                    .add("displayName", user.displayName())
                    .add("email", user.email() == null ? "" : user.email())
                    .build();
        }
    }
}
