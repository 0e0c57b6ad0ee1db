package io.vestibule.admin.api;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.AccountNames;
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.AdminSignIn;
import io.vestibule.identity.SignInRefused;
import io.vestibule.identity.cert.ClientCertificates;
import io.vestibule.identity.local.AccountRefused;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccounts;
import io.vestibule.identity.roles.AdministratorRoles;
import io.vestibule.identity.session.Session;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.http.SessionCookie;
import io.vestibule.platform.json.JsonBuilders;

/** Administrator sign-in with a password or a client certificate, sign-out, password change, and the own profile. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuthResource {
    static final String CHANGE_PASSWORD_PATH = "/admin/api/v1/auth/password";
    private static final int LONGEST_PASSWORD = 1024;

    @Inject
    AdminSignIn signIn;

    @Inject
    LocalAccounts accounts;

    @Inject
    Sessions<AdminPrincipal> sessions;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @Inject
    AccountNames accountNames;

    @Inject
    AdminProblems problems;

    @Context
    HttpServletRequest http;

    @POST
    @Path("auth/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @BeforeSignIn
    public Response login(JsonValue body, @CookieParam(SessionCookie.ADMIN_NAME) String previousToken) {
        JsonRequest request = JsonRequest.of(body, Set.of("username", "password"));
        String username = request.requiredText("username", 256);
        char[] password = request.requiredSecret("password", LONGEST_PASSWORD);
        try {
            return signedIn(signIn.signIn(username, password, current.source()), previousToken, "password");
        } catch (SignInRefused refused) {
            throw refusal(refused, typedName(username), "password");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @POST
    @Path("auth/certificate")
    @BeforeSignIn
    public Response loginWithCertificate(@CookieParam(SessionCookie.ADMIN_NAME) String previousToken) {
        List<X509Certificate> chain = ClientCertificates.chain(http);
        String subject = chain.stream().findFirst().map(presented -> presented.getSubjectX500Principal().getName()).orElse("no certificate");
        try {
            return signedIn(signIn.signInWithCertificate(chain, current.source()), previousToken, "certificate " + subject);
        } catch (SignInRefused refused) {
            throw refusal(refused, subject, "certificate");
        }
    }

    @POST
    @Path("auth/logout")
    @AnyAdministrator
    public Response logout(@CookieParam(SessionCookie.ADMIN_NAME) String token) {
        sessions.end(token);
        audit.changed(AuditEventType.ADMIN_LOGOUT, "");
        return Response.noContent().cookie(SessionCookie.ADMIN.expire()).build();
    }

    /**
     * A local administrator sets a new password: signed in (with the CSRF token), or, when sign-in answered
     * {@code password_expired}, by naming the account and proving the current password.
     */
    @POST
    @Path("auth/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @BeforeSignIn
    public Response changePassword(JsonValue body, @CookieParam(SessionCookie.ADMIN_NAME) String token,
                                   @HeaderParam(AdminAuthorization.CSRF_HEADER) String csrf) {
        JsonRequest request = JsonRequest.of(body, Set.of("username", "oldPassword", "newPassword"));
        Optional<String> named = request.optionalText("username", 256);
        Optional<Session<AdminPrincipal>> session = named.isPresent() ? Optional.empty() : sessions.resume(token);
        if (named.isEmpty() && session.isEmpty()) {
            throw new ApiProblem(401, "unauthenticated", "Sign in first, or name the account whose password has expired.");
        }
        if (session.isPresent() && !Sessions.csrfTokenMatches(session.get(), csrf)) {
            throw new ApiProblem(403, "csrf", "The request lacks the session's CSRF token (X-CSRF-Token).");
        }
        char[] oldPassword = request.requiredSecret("oldPassword", LONGEST_PASSWORD);
        char[] newPassword = request.requiredSecret("newPassword", LONGEST_PASSWORD);
        String username = named.orElseGet(() -> session.get().principal().username());
        try {
            signIn.admitPasswordChange(username, current.source());
            Optional<LocalAccount> account = session.isPresent()
                    ? session.get().principal().localAccountId().flatMap(accounts::find)
                    : accounts.find(username);
            if (account.isEmpty() || account.get().certificateOnly()) {
                if (session.isPresent()) {
                    throw new ApiProblem(400, "not_local", "Only local accounts have a password here; change a directory password in the directory.");
                }
                // As long as a wrong password takes, so the answer's timing does not tell which names exist.
                accounts.passwordMatches(Optional.empty(), oldPassword);
                signIn.passwordFailed(username, current.source());
                throw new ApiProblem(401, "invalid_credentials", "The user name or password is wrong.");
            }
            accounts.changePassword(account.get().id(), oldPassword, newPassword);
            String owner = AdminPrincipal.local(account.get().id(), account.get().username()).owner();
            // Other sessions of the account end; the one that made the change, if any, goes on.
            sessions.endAllOf(owner, session.map(Session::tokenHash));
            audit.record(AuditEventType.ADMIN_PASSWORD_CHANGE, username, AuditEvent.Outcome.SUCCESS, "");
            return Response.noContent().build();
        } catch (AccountRefused refused) {
            if (refused.reason() == AccountRefused.Reason.INVALID_CREDENTIALS) {
                signIn.passwordFailed(username, current.source());
            }
            audit.record(AuditEventType.ADMIN_PASSWORD_CHANGE, username, AuditEvent.Outcome.FAILURE,
                    refused.reason().name().toLowerCase(Locale.ROOT));
            throw problems.of(refused);
        } catch (SignInRefused blocked) {
            throw refusal(blocked, typedName(username), "password change");
        } finally {
            Arrays.fill(oldPassword, '\0');
            Arrays.fill(newPassword, '\0');
        }
    }

    @GET
    @Path("me")
    @AnyAdministrator
    public String me() {
        AdminPrincipal principal = current.principal();
        Optional<String> expires = principal.localAccountId().flatMap(accounts::find).flatMap(accounts::passwordExpiresAt).map(Object::toString);
        return JsonBuilders.object(AdminJson.administrator(principal, current.roles(), current.permissions(), expires))
                .add("csrfToken", current.session().csrfToken())
                .build().toString();
    }

    private Response signedIn(AdminSignIn.SignedIn signedIn, String previousToken, String how) {
        // Whatever admin session the browser held before is ended, not reused (no fixation).
        sessions.end(previousToken);
        AdminPrincipal principal = signedIn.principal();
        audit.record(AuditEventType.ADMIN_LOGIN, principal.username() + " (" + principal.source().apiName() + ")", AuditEvent.Outcome.SUCCESS,
                how + signedIn.revocationUnknown().map(why -> "; revocation unknown, admitted by soft fail: " + why).orElse(""));
        Optional<String> expires = principal.localAccountId().flatMap(accounts::find).flatMap(accounts::passwordExpiresAt).map(Object::toString);
        return Response.ok(JsonBuilders.object()
                        .add("user", AdminJson.administrator(principal, signedIn.roles(),
                                AdministratorRoles.permissionsOf(signedIn.roles()), expires))
                        .add("csrfToken", signedIn.session().session().csrfToken())
                        .build().toString())
                .cookie(SessionCookie.ADMIN.issue(signedIn.session().token()))
                .build();
    }

    /** People type passwords into the user-name field: a name that is no account's is not repeated (R-RUN-5). */
    private String typedName(String username) {
        return accountNames.exists(username) ? username : "an unknown account";
    }

    private ApiProblem refusal(SignInRefused refused, String who, String how) {
        audit.record(AuditEventType.ADMIN_LOGIN, who, AuditEvent.Outcome.FAILURE,
                how + ": " + refused.reason().name().toLowerCase(Locale.ROOT) + (refused.detail().isEmpty() ? "" : " (" + refused.detail() + ")"));
        return switch (refused.reason()) {
            case INVALID_CREDENTIALS -> new ApiProblem(401, "invalid_credentials", "The user name or password is wrong.");
            case NOT_PERMITTED -> new ApiProblem(403, "forbidden", "Your account holds no administrator role.");
            case DIRECTORY_UNAVAILABLE -> new ApiProblem(503, "directory_unavailable",
                    "The directory cannot be reached to check your password. Local accounts can still sign in.");
            case BLOCKED -> new ApiProblem(429, "blocked", "Too many failed sign-ins; try again later.")
                    .withHeader("Retry-After", String.valueOf(Math.max(1, refused.retryAfter().toSeconds())));
            case SESSION_LIMIT -> new ApiProblem(403, "session_limit",
                    "The most admin sessions allowed are open already. Sign out elsewhere, or wait for idle sessions to end.");
            case PASSWORD_EXPIRED -> new ApiProblem(403, "password_expired", "Your password has expired or must be changed before first use.")
                    .with("changePassword", CHANGE_PASSWORD_PATH);
            case CERTIFICATE_REQUIRED -> new ApiProblem(403, "certificate_required",
                    "Administrators sign in with their client certificate; passwords are not accepted.");
            case CERTIFICATE_MISSING -> new ApiProblem(401, "certificate_missing",
                    "Your browser presented no client certificate. Install yours and reload the page.");
            case CERTIFICATE_UNKNOWN -> new ApiProblem(401, "certificate_unknown",
                    "Your certificate does not name an administrator of this service.");
            case CERTIFICATE_REVOKED -> new ApiProblem(401, "certificate_revoked", "Your certificate has been revoked.");
            case CERTIFICATE_REVOCATION_UNKNOWN -> new ApiProblem(503, "certificate_revocation_unknown",
                    "Whether your certificate has been revoked cannot be checked now; try again later or ask the service's operator.");
        };
    }
}
