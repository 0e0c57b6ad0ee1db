package io.vestibule.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.roles.DutyRefused;
import io.vestibule.identity.roles.SeparationOfDuties;

/** Puts the current administrator's act on an account, a role or a mapping to {@link SeparationOfDuties}; a refusal is audited. */
@ApplicationScoped
public class DutyGate {
    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @Inject
    AdminProblems problems;

    @FunctionalInterface
    interface Act {
        void checkWith(SeparationOfDuties duties) throws DutyRefused;
    }

    /** Returns when the act is allowed; otherwise audits it as refused under its own event type and throws the 403. */
    void require(AuditEventType eventType, String target, Act act) {
        try {
            act.checkWith(new SeparationOfDuties(current.principal(), current.roles()));
        } catch (DutyRefused refused) {
            audit.record(eventType, current.actor(), AuditEvent.Outcome.REFUSED, target + ": " + refused.getMessage());
            throw problems.of(refused);
        }
    }
}
