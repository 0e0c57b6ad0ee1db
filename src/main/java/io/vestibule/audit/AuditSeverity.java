package io.vestibule.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place an audit event's severity is decided, with syslog's numbers (RFC 5424 §6.2.1): alarms are alerts,
 * refusals and failures warnings, everything else that succeeded a notice (normal but significant). A lower code is
 * more severe. Queries of the log derive their severity filter from {@link #outcomesAtLeast} so the two never part.
 */
public enum AuditSeverity {
    ALERT(1), WARNING(4), NOTICE(5), INFORMATIONAL(6);

    /** Every event whose type starts so is an alarm raised or cleared. */
    public static final String ALARM_TYPE_PREFIX = "alarm.";

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
        return event.type().startsWith(ALARM_TYPE_PREFIX) ? ALERT : ofOutcome(event.outcome());
    }

    /** The outcomes whose events, alarms aside, are at least {@code minimum}; alarms are always the most severe. */
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
