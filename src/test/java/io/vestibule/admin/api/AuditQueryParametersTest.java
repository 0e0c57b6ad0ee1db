package io.vestibule.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.AuditSeverity;
import io.vestibule.platform.api.ApiProblem;

class AuditQueryParametersTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void noParametersMeanTheLastSevenDaysOfEverything() {
        AuditQuery query = parameters(null, null, null, null, null, null, null).toQuery(NOW, 200);

        assertThat(query.to()).isEqualTo(NOW.plusSeconds(1));
        assertThat(query.from()).isEqualTo(NOW.plusSeconds(1).minus(AuditQueryParameters.DEFAULT_SPAN));
        assertThat(query.type()).isEmpty();
        assertThat(query.actor()).isEmpty();
        assertThat(query.minimumSeverity()).isEmpty();
        assertThat(query.outcome()).isEmpty();
        assertThat(query.beforeId()).isEmpty();
        assertThat(query.limit()).isEqualTo(200);
    }

    @Test
    void everyFilterIsReadAndATrailingStarMakesTheTypeAPrefix() {
        AuditQuery query = parameters("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "admin.*", " carol ", "warning", "refused", "42")
                .toQuery(NOW, 50);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.type()).contains("admin.");
        assertThat(query.typeIsPrefix()).isTrue();
        assertThat(query.actor()).contains("carol");
        assertThat(query.minimumSeverity()).contains(AuditSeverity.WARNING);
        assertThat(query.outcome()).contains(AuditEvent.Outcome.REFUSED);
        assertThat(query.beforeId()).hasValue(42);
        assertThat(query.describe()).isEqualTo("from=2026-12-01T00:00:00Z to=2026-12-02T00:00:00Z type=admin.* actor=carol severity>=warning"
                + " outcome=refused before=42");
        assertThat(parameters(null, null, "admin.login", null, null, null, null).toQuery(NOW, 1).typeIsPrefix()).isFalse();
    }

    @Test
    void badValuesAreRefusedNamingTheParameterAndAStableReason() {
        assertRefused(parameters("yesterday", null, null, null, null, null, null), "from", "instant");
        assertRefused(parameters("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z", null, null, null, null, null), "from", "time_range");
        assertRefused(parameters(null, null, "ADMIN%", null, null, null, null), "type", "not_allowed");
        assertRefused(parameters(null, null, "*", null, null, null, null), "type", "not_allowed");
        assertRefused(parameters(null, null, "a".repeat(61), null, null, null, null), "type", "not_allowed");
        assertRefused(parameters(null, null, null, "eve\nforged", null, null, null), "actor", "not_allowed");
        assertRefused(parameters(null, null, null, "x".repeat(256), null, null, null), "actor", "not_allowed");
        assertRefused(parameters(null, null, null, null, "critical", null, null), "severity", "one_of");
        assertRefused(parameters(null, null, null, null, null, "maybe", null), "outcome", "one_of");
        assertRefused(parameters(null, null, null, null, null, null, "0"), "before", "not_allowed");
        assertRefused(parameters(null, null, null, null, null, null, "-5"), "before", "not_allowed");
    }

    private static AuditQueryParameters parameters(String from, String to, String type, String actor, String severity, String outcome,
                                                   String before) {
        return new AuditQueryParameters(from, to, type, actor, severity, outcome, before);
    }

    private static void assertRefused(AuditQueryParameters parameters, String field, String reason) {
        assertThatThrownBy(() -> parameters.toQuery(NOW, 10)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.details()).containsEntry("field", field).containsEntry("reason", reason);
        });
    }
}
