package io.vestibule.audit.syslog;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditSeverity;

/** Syslog's severity numbers (RFC 5424 §6.2.1); an audit event's is decided by {@link AuditSeverity}. */
public final class SyslogSeverity {
    public static final int ALERT = AuditSeverity.ALERT.code();
    public static final int WARNING = AuditSeverity.WARNING.code();
    public static final int NOTICE = AuditSeverity.NOTICE.code();
    public static final int INFORMATIONAL = AuditSeverity.INFORMATIONAL.code();

    private SyslogSeverity() {
    }

    public static int of(AuditEvent event) {
        return AuditSeverity.of(event).code();
    }
}
