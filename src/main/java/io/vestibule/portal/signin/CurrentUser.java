package io.vestibule.portal.signin;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.Session;

/**
 * The signed-in user of the current request, set by {@link SessionAuthentication}: from a session cookie, or from an
 * access token (then there is no session).
 */
@RequestScoped
public class CurrentUser {
    private PortalUser user;
    private Session<PortalPrincipal> session;

    void signedIn(PortalUser user, Session<PortalPrincipal> session) {
        this.user = user;
        this.session = session;
    }

    public PortalUser user() {
        if (user == null) {
            throw new IllegalStateException("No signed-in user on this request; is the resource marked @SignedIn?");
        }
        return user;
    }

    /** The browser session of the request; empty when an access token authorised it. */
    Optional<Session<PortalPrincipal>> session() {
        return Optional.ofNullable(session);
    }
}
