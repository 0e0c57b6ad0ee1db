package io.vestibule.identity.api;

import jakarta.enterprise.context.RequestScoped;

import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.PortalSession;

/** The signed-in user of the current request, set by {@link SessionAuthentication}. */
@RequestScoped
public class CurrentUser {
    private PortalUser user;
    private PortalSession session;

    void signedIn(PortalUser user, PortalSession session) {
        this.user = user;
        this.session = session;
    }

    public PortalUser user() {
        if (user == null) {
            throw new IllegalStateException("No signed-in user on this request; is the resource marked @SignedIn?");
        }
        return user;
    }

    PortalSession session() {
        return session;
    }
}
