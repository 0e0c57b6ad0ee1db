package io.vestibule.guard;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Assembles the break-in guard (see docs/admin-guide.md, "Joining and break-in resistance"). Its rules are read at each
 * attempt ({@link SavedBreakInRules}); where a block is reported ({@link BreakInAlarms}) is chosen by a layer above: the
 * alarms live with the audit trail.
 */
@ApplicationScoped
public class GuardResources {
    @Produces
    @Singleton
    BreakInGuard breakInGuard(SavedBreakInRules rules, BreakInAlarms alarms, Clock clock) {
        return new BreakInGuard(new InMemoryAttemptLedger(), rules, alarms, clock);
    }
}
