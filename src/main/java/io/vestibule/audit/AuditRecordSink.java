package io.vestibule.audit;

/**
 * Somewhere else an audit event goes once the audit log has stored it (the local chained files, syslog servers).
 * Called on the recording thread as each event is stored (concurrent recordings may reach a sink in either order,
 * so a sink that chains events keeps its own sequence); a sink never throws: what it cannot keep it
 * counts and alarms on itself.
 */
public interface AuditRecordSink {
    void append(AuditEvent event);
}
