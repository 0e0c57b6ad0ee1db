package io.vestibule.portal.signin;

import java.net.URI;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.SsoSignIn;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.identity.oidc.SsoRefused;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.http.SessionCookie;
import io.vestibule.platform.net.TrustedProxies;
import io.vestibule.portal.PortalAudit;

/**
 * Single sign-on for the browser (R-SSO-1): {@code start} sends it to the provider, {@code callback} is where the
 * provider sends it back. Both are top-level navigations, so both answer with redirects: to the provider, to the page
 * asked for, or to the sign-in page with {@code ?error=<code>} (sso_unavailable, sso_expired, sso_denied, sso_failed,
 * forbidden, busy, and blocked with {@code &retry=<seconds>}), which the page explains. 404 {@code not_found} when single sign-on is not configured.
 */
@Path("/auth/sso")
public class SsoResource {
    private static final Logger LOG = Logger.getLogger(SsoResource.class.getName());
    static final String SIGN_IN_PAGE = "/index.html";
    private static final int MAX_PARAMETER = 4096;

    @Inject
    SingleSignOn sso;

    @Inject
    SsoSignIn signIn;

    @Inject
    Sessions<PortalPrincipal> sessions;

    @Inject
    TrustedProxies proxies;

    @Inject
    PortalAudit audit;

    @Context
    HttpServletRequest http;

    @GET
    @Path("/start")
    public Response start(@QueryParam("next") String next) {
        requireEnabled();
        try {
            SingleSignOn.Redirect redirect = signIn.start(NextPage.of(next), proxies.clientOf(http));
            return Response.seeOther(redirect.authorizationUri())
                    .cookie(SessionCookie.SSO.issue(redirect.cookie(), redirect.lifetime()))
                    .build();
        } catch (SsoRefused refused) {
            return toSignInPage(refused);
        }
    }

    @GET
    @Path("/callback")
    public Response callback(@CookieParam(SessionCookie.SSO_NAME) String sealedRequest,
                             @CookieParam(SessionCookie.PORTAL_NAME) String previousSession,
                             @QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("iss") String issuer, @QueryParam("error") String error) {
        requireEnabled();
        try {
            SsoSignIn.SignedIn signedIn = signIn.complete(sealedRequest,
                    new SingleSignOn.Callback(bounded(code), bounded(state), bounded(issuer), bounded(error)));
            // Whatever session the browser held before is ended, not reused (no fixation).
            sessions.end(previousSession);
            audit.record(AuditEventType.PORTAL_LOGIN, signedIn.user().username(), AuditEvent.Outcome.SUCCESS, "single sign-on");
            return Response.seeOther(portalAddress(signedIn.next()))
                    .cookie(SessionCookie.PORTAL.issue(signedIn.session().token()), SessionCookie.SSO.expire())
                    .build();
        } catch (SsoRefused refused) {
            // Who it was is not known: the provider's answer was refused, or never named anyone this service admits.
            audit.record(AuditEventType.PORTAL_LOGIN, "anonymous", AuditEvent.Outcome.FAILURE, "single sign-on: " + refused.getMessage());
            return toSignInPage(refused);
        }
    }

    private Response toSignInPage(SsoRefused refused) {
        LOG.info(() -> "Single sign-on refused: " + refused.getMessage());
        String retry = refused.reason() == SsoRefused.Reason.BLOCKED ? "&retry=" + refused.retryAfter().toSeconds() : "";
        return Response.seeOther(portalAddress(SIGN_IN_PAGE + "?error=" + refused.reason().code() + retry))
                .cookie(SessionCookie.SSO.expire())
                .build();
    }

    /** An absolute address on the portal's public URL (the redirect URI's origin), whatever host the request named. */
    private URI portalAddress(String path) {
        return sso.settings().orElseThrow().redirectUri().resolve(path);
    }

    private void requireEnabled() {
        if (!sso.enabled()) {
            throw ApiProblem.notFound();
        }
    }

    /** A query parameter as sent, or nothing when it is absurdly long (the checks that follow then refuse). */
    private static String bounded(String parameter) {
        return parameter == null || parameter.length() > MAX_PARAMETER ? null : parameter;
    }
}
