package io.vestibule.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.platform.net.TrustedProxies;
import io.vestibule.portal.signin.CurrentUser;

/**
 * Writes what happens on the current portal request to the audit log, with the client's address as the break-in
 * guard reads it (the trusted-proxy rule). Actors are user names; a calendar integration's signed call is named
 * {@code alice (integration Exchange)}, a call with an access token {@code alice (access token)}, so that a filter
 * on the name finds all of them.
 */
@RequestScoped
public class PortalAudit {
    @Inject
    AuditLog log;

    @Inject
    TrustedProxies proxies;

    @Inject
    HttpServletRequest http;

    @Inject
    CurrentUser currentUser;

    /** A change the signed-in user made. */
    public void changed(AuditEventType type, String detail) {
        record(type, signedInActor(), AuditEvent.Outcome.SUCCESS, detail);
    }

    public void record(AuditEventType type, String actor, AuditEvent.Outcome outcome, String detail) {
        log.record(type, actor, clientAddress(), outcome, detail);
    }

    /** The client's address as the audit records it. */
    public String clientAddress() {
        return proxies.clientOf(http).getHostAddress();
    }

    private String signedInActor() {
        String name = currentUser.user().username();
        if (currentUser.integration().isPresent()) {
            return name + " (integration " + currentUser.integration().get().name() + ")";
        }
        return currentUser.signedInWithSession() ? name : name + " (access token)";
    }
}
