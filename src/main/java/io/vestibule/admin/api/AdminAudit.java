package io.vestibule.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;

/** Writes what happens on the current admin request to the audit log, with its source address. */
@ApplicationScoped
public class AdminAudit {
    @Inject
    AuditLog log;

    @Inject
    CurrentAdministrator current;

    /** A change the signed-in administrator made. */
    void changed(AuditEventType type, String detail) {
        record(type, current.actor(), AuditEvent.Outcome.SUCCESS, detail);
    }

    void record(AuditEventType type, String actor, AuditEvent.Outcome outcome, String detail) {
        log.record(type, actor, current.source().getHostAddress(), outcome, detail);
    }
}
