package io.vestibule.audit.syslog;

import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.vestibule.audit.alarm.Alarms;

/** Forwarding's alarms as the console's alarms: {@code syslog_unreachable}, {@code syslog_refused}, {@code syslog_backlog}. */
@Dependent
public class SyslogAlarmsToAlarms implements SyslogAlarms {
    private final Alarms alarms;

    @Inject
    public SyslogAlarmsToAlarms(Alarms alarms) {
        this.alarms = alarms;
    }

    @Override
    public void deliveryFailing(SyslogServer server, DeliveryFailure failure) {
        alarms.raise(failure.reason().refusal() ? "syslog_refused" : "syslog_unreachable", "syslog server " + server,
                failure.reason().code() + ": " + failure.getMessage() + "; audit events wait in its queue", Optional.empty());
    }

    @Override
    public void queueFull(SyslogServer server, int limit) {
        alarms.raise("syslog_backlog", "syslog server " + server, "its queue holds its limit of " + limit
                + " messages; newer audit events are not forwarded to it (they stay in the audit log)", Optional.empty());
    }

    @Override
    public void eventsDropped(SyslogServer server, long dropped) {
        alarms.raise("syslog_backlog", "syslog server " + server, dropped + " audit events were not forwarded to it while"
                + " its queue was full; they are in the audit log", Optional.empty());
    }
}
