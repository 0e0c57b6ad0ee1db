package io.vestibule.portal.signin;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.PortalSignIn;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.Session;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.http.SessionCookie;

/**
 * Admits requests to {@link SignedIn} resources only with a live session cookie, and state-changing ones only
 * when they also carry the session's CSRF token in {@code X-CSRF-Token} (401 {@code unauthenticated},
 * 403 {@code csrf}). A request with an {@code Authorization} header is judged by that header alone: an access token
 * of the OpenID provider ({@link AccessTokenAuthentication}), with no cookie and so no CSRF token involved. Join
 * tokens, also sent as {@code Bearer}, serve the join resources, which are not {@code @SignedIn}. On
 * {@link AcceptsSignedCallbacks} resources a calendar integration's signed call is judged before this, by
 * {@link SignedCallbackAuthentication}.
 */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SessionAuthentication implements ContainerRequestFilter {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Sessions<PortalPrincipal> sessions;

    @Inject
    PortalSignIn signIn;

    @Inject
    AccessTokenAuthentication accessTokens;

    @Inject
    CurrentUser currentUser;

    @Override
    public void filter(ContainerRequestContext request) {
        if (currentUser.integration().isPresent()) {
            // SignedCallbackAuthentication verified a calendar integration's signature for this request already.
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            currentUser.signedIn(accessTokens.userOf(authorization), null);
            return;
        }
        Optional<Session<PortalPrincipal>> session = sessions.resume(SessionCookie.PORTAL.token(request.getCookies()));
        Optional<PortalUser> user = session.flatMap(live -> signIn.user(live.principal().accountId()));
        if (user.isEmpty()) {
            throw new ApiProblem(401, "unauthenticated", "Sign in first.");
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !Sessions.csrfTokenMatches(session.get(), request.getHeaderString(CSRF_HEADER))) {
            throw new ApiProblem(403, "csrf", "The request lacks the session's CSRF token (X-CSRF-Token).");
        }
        currentUser.signedIn(user.get(), session.get());
    }
}
