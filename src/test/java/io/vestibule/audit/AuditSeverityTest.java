package io.vestibule.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditSeverityTest {
    @Test
    void alarmsAreAlertsRefusalsAndFailuresWarningsSuccessesNotices() {
        assertThat(AuditSeverity.of(event("alarm.raised", AuditEvent.Outcome.SUCCESS))).isEqualTo(AuditSeverity.ALERT);
        assertThat(AuditSeverity.of(event("access.refused", AuditEvent.Outcome.REFUSED))).isEqualTo(AuditSeverity.WARNING);
        assertThat(AuditSeverity.of(event("admin.login", AuditEvent.Outcome.FAILURE))).isEqualTo(AuditSeverity.WARNING);
        assertThat(AuditSeverity.of(event("admin.login", AuditEvent.Outcome.SUCCESS))).isEqualTo(AuditSeverity.NOTICE);
        assertThat(AuditSeverity.of(event("alarm.cleared", AuditEvent.Outcome.SUCCESS))).as("a condition that ended needs no action")
                .isEqualTo(AuditSeverity.NOTICE);
        assertThat(AuditSeverity.of(event("retired.type", AuditEvent.Outcome.FAILURE))).as("a type no longer in the catalogue")
                .isEqualTo(AuditSeverity.WARNING);
    }

    @Test
    void theOutcomesAtLeastASeverityFollowTheSameMapping() {
        assertThat(AuditSeverity.outcomesAtLeast(AuditSeverity.ALERT)).isEmpty();
        assertThat(AuditSeverity.outcomesAtLeast(AuditSeverity.WARNING)).containsExactlyInAnyOrder(AuditEvent.Outcome.FAILURE,
                AuditEvent.Outcome.REFUSED);
        assertThat(AuditSeverity.outcomesAtLeast(AuditSeverity.NOTICE)).containsExactlyInAnyOrder(AuditEvent.Outcome.values());
        assertThat(AuditSeverity.fromApiName("warning")).contains(AuditSeverity.WARNING);
        assertThat(AuditSeverity.fromApiName("WARNING")).isEmpty();
    }

    private static AuditEvent event(String type, AuditEvent.Outcome outcome) {
        return new AuditEvent(1, Instant.EPOCH, type, "carol", null, outcome, "");
    }
}
