package io.vestibule.audit.syslog;

/** What forwarding to syslog servers tells administrators (R-AUD-4); each is raised once per episode, not per retry. */
public interface SyslogAlarms {
    /** A server cannot be reached, or was refused (its certificate, its name); messages wait in its queue. */
    void deliveryFailing(SyslogServer server, DeliveryFailure failure);

    /** A server's queue reached its bound: newer audit events are not queued for it until it drains. */
    void queueFull(SyslogServer server, int limit);

    /** The queue has room again; {@code dropped} events were not forwarded to the server while it was full. */
    void eventsDropped(SyslogServer server, long dropped);
}
