package io.vestibule.admin.api;

import java.util.Arrays;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.Verdict;
import io.vestibule.identity.local.AccountRefused;
import io.vestibule.identity.local.FirstAdministrator;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.SetupRefused;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.identity.settings.AdminSettingsService;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** What the login page shows before anyone signs in (R-ADM-7 banner, R-ADM-5 login form), and first-start setup (R-RUN-3). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleEntryResource {
    /** The break-in guard counts setup-code guesses as failed logins of this pseudo-account. */
    private static final String SETUP_ACCOUNT = "first-start setup";

    @Inject
    AdminSettingsService settings;

    @Inject
    FirstAdministrator firstAdministrator;

    @Inject
    BreakInGuard guard;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @Inject
    AdminProblems problems;

    @GET
    @Path("banner")
    @BeforeSignIn
    public String banner() {
        AdminSettings now = settings.current();
        return JsonBuilders.object()
                .add("banner", now.banner())
                .add("passwordLogin", now.passwordLogin())
                .add("certificateLogin", now.clientCertificate().apiName())
                .add("setupRequired", firstAdministrator.setupPending())
                .add("auditorSetupRequired", firstAdministrator.auditorSetupPending())
                .build().toString();
    }

    @POST
    @Path("setup")
    @Consumes(MediaType.APPLICATION_JSON)
    @BeforeSignIn
    public Response setup(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("setupCode", "username", "password"));
        char[] code = request.requiredSecret("setupCode", 100);
        String username = request.requiredText("username", LocalAccount.LONGEST_USERNAME);
        char[] password = request.requiredSecret("password", 1024);
        try {
            if (guard.admitLogin(SETUP_ACCOUNT, current.source()) instanceof Verdict.Refused refused) {
                throw new ApiProblem(429, "blocked", "Too many wrong setup codes; try again later.")
                        .withHeader("Retry-After", String.valueOf(Math.max(1, refused.retryAfter().toSeconds())));
            }
            LocalAccount created = firstAdministrator.complete(code, username, password);
            String role = created.roleIds().contains(BuiltInRoles.AUDITOR.id()) ? BuiltInRoles.AUDITOR.name() : BuiltInRoles.READ_WRITE.name();
            audit.record(AuditEventType.ADMIN_SETUP, created.username(), AuditEvent.Outcome.SUCCESS, "first account holding " + role + " created");
            return Response.status(201).entity(JsonBuilders.object().add("username", created.username()).add("role", role).build().toString()).build();
        } catch (SetupRefused refused) {
            audit.record(AuditEventType.ADMIN_SETUP, username, AuditEvent.Outcome.FAILURE, refused.reason().name());
            if (refused.reason() == SetupRefused.Reason.CLOSED) {
                throw new ApiProblem(403, "setup_closed", "The first administrator and the first Auditor exist already; sign in instead.");
            }
            guard.loginFailed(SETUP_ACCOUNT, current.source());
            throw new ApiProblem(403, "invalid_setup_code", "That is not the setup code printed at start.");
        } catch (AccountRefused refused) {
            throw problems.of(refused);
        } finally {
            Arrays.fill(code, '\0');
            Arrays.fill(password, '\0');
        }
    }
}
