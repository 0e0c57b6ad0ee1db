package io.vestibule.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place an audit event's severity is decided, with syslog's numbers (RFC 5424 §6.2.1): alarms raised are
 * alerts (the catalogue, {@link AuditEventType#alert()}, names them), refusals and failures warnings, everything else
 * that succeeded a notice (normal but significant). A lower code is more severe. Queries of the log derive their
 * severity filter from {@link #outcomesAtLeast} and {@link AuditEventType#alertTypes()} so the two never part.
 */
public enum AuditSeverity {
    ALERT(1), WARNING(4), NOTICE(5), INFORMATIONAL(6);

    private final int code;

    AuditSeverity(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name in the API and the console: {@code alert}, {@code warning}, … */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditSeverity> fromApiName(String name) {
        return Arrays.stream(values()).filter(severity -> severity.apiName().equals(name)).findFirst();
    }

    public boolean isAtLeast(AuditSeverity minimum) {
        return code <= minimum.code;
    }

    public static AuditSeverity of(AuditEvent event) {
        return AuditEventType.of(event.type()).filter(AuditEventType::alert).isPresent() ? ALERT : ofOutcome(event.outcome());
    }

    /** The outcomes whose events, alerts aside, are at least {@code minimum}; alerts are always the most severe. */
    public static Set<AuditEvent.Outcome> outcomesAtLeast(AuditSeverity minimum) {
        Set<AuditEvent.Outcome> outcomes = EnumSet.noneOf(AuditEvent.Outcome.class);
        for (AuditEvent.Outcome outcome : AuditEvent.Outcome.values()) {
            if (ofOutcome(outcome).isAtLeast(minimum)) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private static AuditSeverity ofOutcome(AuditEvent.Outcome outcome) {
        return switch (outcome) {
            case FAILURE, REFUSED -> WARNING;
            case SUCCESS -> NOTICE;
        };
    }
}
