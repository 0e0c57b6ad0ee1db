package io.vestibule.portal.signin;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.vestibule.calendar.integration.CalendarIntegration;
import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.Session;

/**
 * The signed-in user of the current request, set by {@link SessionAuthentication}: from a session cookie, or from an
 * access token (then there is no session); or by {@link SignedCallbackAuthentication} from a calendar integration's
 * signed call (no session either).
 */
@RequestScoped
public class CurrentUser {
    private PortalUser user;
    private Session<PortalPrincipal> session;
    private CalendarIntegration integration;

    void signedIn(PortalUser user, Session<PortalPrincipal> session) {
        this.user = user;
        this.session = session;
    }

    /** A calendar integration's verified signature names the user ({@link SignedCallbackAuthentication}). */
    void signedByIntegration(PortalUser user, CalendarIntegration integration) {
        this.user = user;
        this.integration = integration;
    }

    /** The calendar integration whose signed call this is, if it is one. */
    public Optional<CalendarIntegration> integration() {
        return Optional.ofNullable(integration);
    }

    public PortalUser user() {
        if (user == null) {
            throw new IllegalStateException("No signed-in user on this request; is the resource marked @SignedIn?");
        }
        return user;
    }

    /** Whether a browser session authorised the request, rather than an access token or a signed call. */
    public boolean signedInWithSession() {
        return session != null;
    }

    /** The browser session of the request; empty when an access token authorised it. */
    Optional<Session<PortalPrincipal>> session() {
        return Optional.ofNullable(session);
    }
}
