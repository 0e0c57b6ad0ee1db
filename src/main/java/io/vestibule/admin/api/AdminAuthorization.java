package io.vestibule.admin.api;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.roles.AdministratorRoles;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.session.Session;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.http.SessionCookie;
import io.vestibule.platform.net.TrustedProxies;

/**
 * Every admin request passes here. An endpoint is open before sign-in only when marked {@link BeforeSignIn};
 * otherwise it needs a live admin session, the session's CSRF token on state changes, and the
 * {@link RequiresPermission permission} it names, worked out now from the roles in force. An endpoint that names
 * none and is not {@link AnyAdministrator} is refused: a forgotten annotation fails closed.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthorization implements ContainerRequestFilter {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest http;

    @Inject
    Sessions<AdminPrincipal> sessions;

    @Inject
    AdministratorRoles administratorRoles;

    @Inject
    CurrentAdministrator current;

    @Inject
    TrustedProxies proxies;

    @Inject
    AdminAudit audit;

    @Override
    public void filter(ContainerRequestContext request) {
        current.from(proxies.clientOf(http));
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(BeforeSignIn.class)) {
            return;
        }
        Optional<Session<AdminPrincipal>> session = sessions.resume(SessionCookie.ADMIN.token(request.getCookies()));
        if (session.isEmpty()) {
            throw new ApiProblem(401, "unauthenticated", "Sign in first; an idle session ends after a few minutes.");
        }
        List<Role> roles = administratorRoles.of(session.get().principal());
        if (roles.isEmpty()) {
            // The account was deleted, or lost its last role: the session is over.
            sessions.end(SessionCookie.ADMIN.token(request.getCookies()));
            throw new ApiProblem(401, "unauthenticated", "Your account no longer holds an administrator role.");
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !Sessions.csrfTokenMatches(session.get(), request.getHeaderString(CSRF_HEADER))) {
            throw new ApiProblem(403, "csrf", "The request lacks the session's CSRF token (X-CSRF-Token).");
        }
        Set<Permission> permissions = AdministratorRoles.permissionsOf(roles);
        current.signedIn(session.get(), roles, permissions);
        RequiresPermission required = method.getAnnotation(RequiresPermission.class);
        if (required == null && method.isAnnotationPresent(AnyAdministrator.class)) {
            return;
        }
        if (required == null || Arrays.stream(required.value()).noneMatch(permissions::contains)) {
            audit.record(AuditEventType.ACCESS_REFUSED, current.actor(), AuditEvent.Outcome.REFUSED,
                    request.getMethod() + " " + request.getUriInfo().getPath()
                            + (required == null ? "" : " needs " + String.join(" or ", Arrays.stream(required.value()).map(Permission::apiName).toList())));
            throw new ApiProblem(403, "forbidden", "Your roles do not allow this.");
        }
    }
}
