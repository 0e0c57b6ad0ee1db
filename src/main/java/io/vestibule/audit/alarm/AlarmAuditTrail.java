package io.vestibule.audit.alarm;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;

/**
 * Alarms raised and cleared as audit events ({@code alarm.raised}, {@code alarm.cleared}), recorded by the actor
 * {@code system}.
 *
 * <p>Recording an event hands it to the audit files and the syslog servers on the recording thread, and those raise
 * and clear alarms of their own when they cannot keep it ({@code audit.files_unwritten}, {@code syslog_backlog}). An
 * alarm change made while an alarm event is being recorded on the same thread is therefore not recorded in turn:
 * otherwise a disk that refuses every write would raise, record, fail and raise again without end. Such a change
 * still happens, and is logged and shown with the alarms; only its audit event is left out, and the log says so.
 */
final class AlarmAuditTrail {
    static final String ACTOR = "system";
    private static final Logger LOG = Logger.getLogger(AlarmAuditTrail.class.getName());

    private final AuditLog log;
    private final ThreadLocal<Boolean> recording = ThreadLocal.withInitial(() -> false);

    AlarmAuditTrail(AuditLog log) {
        this.log = log;
    }

    void raised(Alarm alarm) {
        record(AuditEventType.ALARM_RAISED, alarm, alarm.detail() + alarm.clearsAt().map(until -> "; clears at " + until).orElse(""));
    }

    void cleared(Alarm alarm) {
        record(AuditEventType.ALARM_CLEARED, alarm, "raised at " + alarm.raisedAt());
    }

    private void record(AuditEventType type, Alarm alarm, String detail) {
        String described = alarm.type() + " for " + alarm.subject() + " (alarm " + alarm.id() + "): " + detail;
        if (recording.get()) {
            LOG.info(() -> "Not recorded in the audit log, since it comes of recording an alarm event there: " + type.type() + " " + described);
            return;
        }
        recording.set(true);
        try {
            log.record(type, ACTOR, "-", AuditEvent.Outcome.SUCCESS, described);
        } catch (RuntimeException e) {
            // The alarm holds whatever the audit log's state: often it is raised because the database is failing.
            LOG.log(Level.WARNING, "An alarm event could not be recorded in the audit log: " + type.type() + " " + described + ": " + e.getMessage());
        } finally {
            recording.remove();
        }
    }
}
