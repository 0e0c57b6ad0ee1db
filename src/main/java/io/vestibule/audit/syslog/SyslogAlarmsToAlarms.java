package io.vestibule.audit.syslog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.vestibule.audit.alarm.Alarms;

/** Forwarding's alarms as the console's alarms: {@code syslog_unreachable}, {@code syslog_refused}, {@code syslog_backlog}. */
@Dependent
public class SyslogAlarmsToAlarms implements SyslogAlarms {
    private final Alarms alarms;
    /** The delivery alarms raised for each server since it last accepted messages: cleared together when it does. */
    private final Map<SyslogServer, List<UUID>> failingAlarms = new ConcurrentHashMap<>();
    private final Map<SyslogServer, UUID> fullQueueAlarms = new ConcurrentHashMap<>();

    @Inject
    public SyslogAlarmsToAlarms(Alarms alarms) {
        this.alarms = alarms;
    }

    @Override
    public void deliveryFailing(SyslogServer server, DeliveryFailure failure) {
        UUID raised = alarms.raise(failure.reason().refusal() ? "syslog_refused" : "syslog_unreachable", "syslog server " + server,
                failure.reason().code() + ": " + failure.getMessage() + "; audit events wait in its queue", Optional.empty()).id();
        failingAlarms.computeIfAbsent(server, any -> new CopyOnWriteArrayList<>()).add(raised);
    }

    @Override
    public void deliveryResumed(SyslogServer server) {
        List<UUID> raised = failingAlarms.remove(server);
        if (raised != null) {
            raised.forEach(alarms::clear);
        }
    }

    @Override
    public void queueFull(SyslogServer server, int limit) {
        fullQueueAlarms.put(server, alarms.raise("syslog_backlog", "syslog server " + server, "its queue holds its limit of " + limit
                + " messages; newer audit events are not forwarded to it (they stay in the audit log)", Optional.empty()).id());
    }

    @Override
    public void eventsDropped(SyslogServer server, long dropped) {
        UUID full = fullQueueAlarms.remove(server);
        if (full != null) {
            alarms.clear(full);
        }
        alarms.raise("syslog_backlog", "syslog server " + server, dropped + " audit events were not forwarded to it while"
                + " its queue was full; they are in the audit log", Optional.empty());
    }
}
