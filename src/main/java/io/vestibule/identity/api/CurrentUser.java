package io.vestibule.identity.api;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.vestibule.identity.PortalUser;
import io.vestibule.identity.session.Session;

/** The signed-in user of the current request, set by {@link SessionAuthentication}. */
@RequestScoped
public class CurrentUser {
    private PortalUser user;
    private Session<UUID> session;

    void signedIn(PortalUser user, Session<UUID> session) {
        this.user = user;
        this.session = session;
    }

    public PortalUser user() {
        if (user == null) {
            throw new IllegalStateException("No signed-in user on this request; is the resource marked @SignedIn?");
        }
        return user;
    }

    Session<UUID> session() {
        return session;
    }
}
