package io.vestibule.audit.syslog;

import io.vestibule.audit.AuditEvent;

/**
 * The one place an audit event's syslog severity (RFC 5424 §6.2.1) is decided: alarms are alerts, refusals and
 * failures warnings, everything else that succeeded a notice (normal but significant).
 */
public final class SyslogSeverity {
    public static final int ALERT = 1;
    public static final int WARNING = 4;
    public static final int NOTICE = 5;
    public static final int INFORMATIONAL = 6;

    private SyslogSeverity() {
    }

    public static int of(AuditEvent event) {
        if (event.type().startsWith("alarm.")) {
            return ALERT;
        }
        return switch (event.outcome()) {
            case FAILURE, REFUSED -> WARNING;
            case SUCCESS -> NOTICE;
        };
    }
}
